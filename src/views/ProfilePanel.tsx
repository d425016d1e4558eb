/**
 * The CPU profile of one thread as a flame graph, built from the simulated
 * call stacks (each span's stack, for the time the thread was on a CPU):
 * for the whole run or the visible window, for any incident.
 */
import { useMemo, useState } from 'react';
import { useApp } from '../store/appStore';
import { buildProfile } from '../render/flame';
import { ENGINE_KINDS } from '../render/palette';
import { FlamePanel } from './FlamePanel';
import { useIncident } from './incident';
import { formatMs } from './format';

export function ProfilePanel() {
  const run = useApp((s) => s.run);
  const view = useApp((s) => s.view);
  const ui = useIncident().ui;
  const [lane, setLane] = useState('main');
  const [windowed, setWindowed] = useState(false);
  const cpu = useMemo(() => [...ui.spanKinds, ...ENGINE_KINDS].filter((k) => k.cpu).map((k) => k.id), [ui]);
  const lanes = run?.trace.lanes ?? [];
  const chosen = lanes.includes(lane) ? lane : (lanes[0] ?? 'main');
  const t0 = windowed && view ? view.t0 : 0;
  const t1 = windowed && view ? view.t1 : (run?.trace.endT ?? 0);
  const v = run?.verdict;
  // A looping thread's frozen last span stands for its turn repeated: spread it over the turn's stacks.
  const loop =
    run && v?.outcome === 'livelock' && v.loop && v.cycle.includes(chosen)
      ? { t0: run.trace.stepTimes[v.loop.since], t1: v.at, from: v.at }
      : undefined;
  const profile = useMemo(
    () => (run ? buildProfile(run.trace, { lane: chosen, t0, t1, kinds: cpu, loop }) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `loop` follows from run and chosen
    [run, chosen, t0, t1, cpu],
  );
  if (!run || !profile) return null;
  return (
    <section className="panel profile" aria-labelledby="profile-h">
      <h2 id="profile-h">CPU profile</h2>
      <p className="muted">
        Where {chosen}&rsquo;s CPU time went, from the simulated call stacks ({formatMs(profile.total)} on a CPU from{' '}
        {formatMs(t0)} to {formatMs(t1)}). The seed document drew the same picture from an eBPF profile of the real
        server.
      </p>
      <div className="fields">
        <label className="field">
          <span>Thread</span>
          <select value={chosen} onChange={(e) => setLane(e.target.value)}>
            {lanes.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Time</span>
          <select value={windowed ? 'view' : 'run'} onChange={(e) => setWindowed(e.target.value === 'view')}>
            <option value="run">the whole run</option>
            <option value="view">the visible window</option>
          </select>
        </label>
      </div>
      <FlamePanel profile={profile} title={`Flame graph · ${chosen}`} />
    </section>
  );
}
