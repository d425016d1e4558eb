/** Playback: reset, step back, play/pause, step, speed, jump to the deadlock, fit, manual mode. */
import { useApp, cursorTime, outcomeOf, SPEEDS } from '../store/appStore';
import { formatMs } from './format';
import { useIncident } from './incident';
import { wallClock } from '../incidents/redis/log';

export const fit = (what: string) =>
  document.querySelector('.timeline')?.dispatchEvent(new CustomEvent('lockstep:fit', { detail: what }));

const icon = (d: string) => (
  <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
    <path d={d} fill="currentColor" />
  </svg>
);
const ICONS = {
  reset: icon('M2 2h2v12H2zM14 2v12L5 8z'),
  back: icon('M12 2v12L3 8zM13 2h2v12h-2z'),
  play: icon('M4 2l10 6-10 6z'),
  pause: icon('M3 2h4v12H3zM9 2h4v12H9z'),
  step: icon('M4 2v12l9-6zM13 2h2v12h-2z'),
};

const SPEED_LABEL: Record<number, string> = {
  0: 'auto (slows near events)',
  0.01: 'slow motion (10 µs/s)',
  0.1: '0.1 ms/s',
  1: '1 ms/s',
  10: '10 ms/s',
  100: '100 ms/s',
  1000: 'very fast (1 s/s)',
};

const OUTCOME_WORD = { deadlock: 'deadlock', livelock: 'loop', crash: 'crash' } as const;

export function Toolbar() {
  const s = useApp();
  const ui = useIncident().ui;
  const clock = ui.clock(s.inputs.settings);
  const run = s.run;
  const outcome = outcomeOf(run);
  const steps = run?.trace.steps ?? 0;
  const t = cursorTime(s);
  return (
    <div className="toolbar" role="toolbar" aria-label="Playback">
      <button type="button" onClick={s.reset} aria-label="Reset" title="Reset (Home)" disabled={!run}>
        {ICONS.reset}
      </button>
      <button
        type="button"
        onClick={() => s.stepBy(-1)}
        aria-label="Step back"
        title="Step back (←)"
        disabled={!run || s.cursor === 0}
      >
        {ICONS.back}
      </button>
      <button
        type="button"
        className="play"
        onClick={() => s.setPlaying(!s.playing)}
        aria-label={s.playing ? 'Pause' : 'Play'}
        title={s.playing ? 'Pause (Space)' : 'Play (Space)'}
        disabled={!run || s.manualMode}
      >
        {s.playing ? ICONS.pause : ICONS.play} {s.playing ? 'Pause' : 'Play'}
      </button>
      <button
        type="button"
        onClick={() => s.stepBy(1)}
        aria-label="Step"
        title="Step (→)"
        disabled={!run || s.cursor >= steps}
      >
        {ICONS.step}
      </button>
      <label className="speed">
        <span>Speed</span>
        <select value={s.speed} onChange={(e) => s.setSpeed(Number(e.target.value))}>
          {SPEEDS.map((v) => (
            <option key={v} value={v}>
              {SPEED_LABEL[v]}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        onClick={s.jumpToDeadlock}
        disabled={!outcome}
        title={
          outcome?.kind === 'crash'
            ? 'Jump to the moment the server crashes (J)'
            : outcome?.kind === 'livelock'
              ? 'Jump to the moment the endless loop is proved (J)'
              : 'Jump to the moment the cycle closes (J)'
        }
      >
        Jump to {OUTCOME_WORD[outcome?.kind ?? 'deadlock']}
      </button>
      <span className="sep" />
      <button type="button" onClick={() => fit('run')} title="Fit the whole run (F)" disabled={!run}>
        Fit run
      </button>
      <button
        type="button"
        onClick={() => fit('deadlock')}
        title={`Zoom to the ${outcome?.kind ?? 'deadlock'} (D)`}
        disabled={!outcome}
      >
        Fit {OUTCOME_WORD[outcome?.kind ?? 'deadlock']}
      </button>
      <label className="manual-toggle">
        <input type="checkbox" checked={s.manualMode} onChange={(e) => s.setManualMode(e.target.checked)} /> Manual
        stepping
      </label>
      <span className="cursor-info" aria-live="off">
        step <strong>{s.cursor}</strong> / {steps} · <strong>{formatMs(t)}</strong> · {wallClock(clock, t)}
        {s.status === 'loading' && <span className="busy"> · simulating…</span>}
      </span>
    </div>
  );
}
