/**
 * Side by side: the current scenario (seed, load, commands) against several
 * variants. A verdict table, and each run's main thread and its lock (the GIL) drawn on one
 * shared time axis, with the step where it parts from the first variant.
 */
import { useEffect, useRef, useState } from 'react';
import { useApp } from '../store/appStore';
import type { ShareState } from '../url/hash';
import { useIncident } from './incident';
import type { IncidentUi } from '../incidents/module';
import type { PackedTrace } from '../engine/packed';
import { paintTimeline } from '../render/timelinePainter';
import { prefersDark, readPalette } from '../render/palette';
import { ownerClassBy, xOf, type Row } from '../render/geometry';
import { formatMs } from './format';

const STRIP_WIDTH = 860;
const ROW = 16;

function Strip({
  trace,
  endT,
  marks,
  ui,
}: {
  trace: PackedTrace;
  endT: number;
  marks: { t: number; kind: 'parts' | 'outcome' }[];
  ui: IncidentUi;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current;
    if (!c) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = STRIP_WIDTH * dpr;
    const main = trace.lanes.indexOf('main');
    const lock = Object.keys(ui.locks)[0];
    const rows: Row[] = [{ key: 'main', label: 'main', kind: 'lane', group: 'main', lanes: [main], y: 0, height: ROW }];
    if (lock)
      rows.push({ key: lock, label: ui.locks[lock], kind: 'lock', group: lock, lanes: [], y: ROW, height: ROW });
    c.height = ROW * rows.length * dpr;
    const palette = readPalette(c, ui.spanKinds, prefersDark());
    const workers = new Set(
      ui
        .lanes(trace.lanes)
        .filter((l) => l.group === ui.lockWorkerGroup)
        .map((l) => l.id),
    );
    const ctx = c.getContext('2d')!;
    const v = { t0: 0, t1: endT, width: STRIP_WIDTH, height: ROW * 2, dpr };
    paintTimeline(
      ctx,
      {
        trace,
        rows,
        load: { t: [0], n: [0], sentSteps: [], completedSteps: [], pings: [] },
        maxInFlight: 1,
        quiet: new Set(),
        ownerClass: ownerClassBy(workers),
      },
      v,
      palette,
    );
    for (const m of marks) {
      ctx.fillStyle = m.kind === 'outcome' ? palette.cycle : palette.gilWorker;
      ctx.fillRect(Math.max(0, xOf(v, m.t) - 1), 0, 2, ROW * rows.length);
    }
  }, [trace, endT, marks, ui]);
  const rowCount = Object.keys(ui.locks).length ? 2 : 1;
  return <canvas ref={ref} style={{ width: STRIP_WIDTH, height: ROW * rowCount }} aria-hidden="true" />;
}

/** The same scenario whatever the variant (a comparison covers every variant of it). */
const sameScenario = (a: ShareState, b: ShareState) => {
  const key = (s: ShareState) =>
    JSON.stringify([s.incident, s.seed, s.until, s.settings, s.commands, s.manual, s.untimed]);
  return key(a) === key(b);
};

export function ComparePanel() {
  const comparison = useApp((s) => s.comparison);
  const compare = useApp((s) => s.compare);
  const run = useApp((s) => s.run);
  const inputs = useApp((s) => s.inputs);
  const setScenario = useApp((s) => s.setScenario);
  const incident = useIncident();
  const VARIANT_INFO = incident.variants;
  const [chosen, setChosen] = useState<string[]>(VARIANT_INFO.map((v) => v.id));
  const endT = comparison ? Math.max(1e-3, ...comparison.traces.map((t) => t.endT)) : 1;
  return (
    <section className="panel compare" aria-labelledby="compare-h">
      <h2 id="compare-h">Side by side</h2>
      <p className="muted">The current scenario (seed, load, commands) against each variant you tick.</p>
      <fieldset className="variant-picks">
        <legend>Variants</legend>
        {VARIANT_INFO.map((v) => (
          <label key={v.id}>
            <input
              type="checkbox"
              checked={chosen.includes(v.id)}
              onChange={(e) =>
                setChosen(
                  e.target.checked
                    ? VARIANT_INFO.map((x) => x.id).filter((id) => id === v.id || chosen.includes(id))
                    : chosen.filter((id) => id !== v.id),
                )
              }
            />{' '}
            {v.id}
          </label>
        ))}
      </fieldset>
      <button type="button" onClick={() => compare(chosen)} disabled={!run || chosen.length < 2 || comparison?.pending}>
        {comparison?.pending ? 'Comparing…' : 'Compare'}
      </button>
      {comparison && comparison.runs.length > 0 && (
        <>
          {!comparison.pending && comparison.inputs && !sameScenario(comparison.inputs, inputs) && (
            <p className="notice-inline" data-testid="compare-stale">
              These results are for an earlier scenario (the seed, the load or the commands have changed since). Compare
              again to see this one.
            </p>
          )}
          <table className="verdicts" data-testid="compare-table">
            <thead>
              <tr>
                <th scope="col">variant</th>
                <th scope="col">outcome</th>
                <th scope="col">at</th>
                <th scope="col">replies</th>
                <th scope="col">pending at end</th>
                <th scope="col">parts from {comparison.runs[0].variant}</th>
                <th scope="col" aria-label="Open the run" />
              </tr>
            </thead>
            <tbody>
              {comparison.runs.map((r, i) => (
                <tr key={r.variant} data-outcome={r.outcome}>
                  <th scope="row">{r.variant}</th>
                  <td className={r.outcome === 'ok' ? 'good' : 'bad'}>{r.outcome}</td>
                  <td>{r.at === null ? '–' : formatMs(r.at)}</td>
                  <td>{r.replies.map((x) => (x === null ? '(none)' : x.split('\n')[0])).join('; ') || '–'}</td>
                  <td>{r.pending}</td>
                  <td>
                    {i === 0 ? '–' : r.divergesAt ? `step ${r.divergesAt.step} (${formatMs(r.divergesAt.t)})` : 'never'}
                  </td>
                  <td>
                    {comparison.inputs && (
                      <button
                        type="button"
                        onClick={() => setScenario({ ...comparison.inputs!, variant: r.variant })}
                        aria-label={`Open the ${r.variant} run in the timeline`}
                      >
                        Open
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="strips" aria-label="Each variant's main thread on one time axis">
            {comparison.runs.map((r, i) => (
              <div key={r.variant} className="strip">
                <span className="strip-label">{r.variant}</span>
                <Strip
                  ui={incident.ui}
                  trace={comparison.traces[i]}
                  endT={endT}
                  marks={[
                    ...(r.divergesAt ? [{ t: r.divergesAt.t, kind: 'parts' as const }] : []),
                    ...(r.at !== null ? [{ t: r.at, kind: 'outcome' as const }] : []),
                  ]}
                />
              </div>
            ))}
            <p className="muted">
              0 to {formatMs(endT)}; blue: where the run parts from {comparison.runs[0].variant}; red: deadlock, endless
              loop or crash.
            </p>
          </div>
        </>
      )}
    </section>
  );
}
