/** The load at the cursor: queries sent, completed, pending, and the monitoring PING's latency. */
import { useApp, cursorTime } from '../store/appStore';
import { upperBound } from '../render/geometry';
import { formatMs } from './format';

export function ClientsPanel() {
  const run = useApp((s) => s.run);
  const cursor = useApp((s) => s.cursor);
  if (!run) return null;
  const t = cursorTime({ run, cursor });
  const sent = upperBound(run.load.sentSteps, cursor);
  const done = upperBound(run.load.completedSteps, cursor);
  const pings = run.load.pings.filter((p) => p.sentStep <= cursor);
  const last = pings.slice(-12);
  const answered = (p: (typeof pings)[number]) => p.doneT !== null && p.doneT <= t;
  const gaveUp = (p: (typeof pings)[number]) => p.timedOutT != null && p.timedOutT <= t;
  const latency = (p: (typeof pings)[number]) =>
    answered(p) ? p.doneT! - p.sentT : gaveUp(p) ? p.timedOutT! - p.sentT : t - p.sentT;
  // Since when nothing has been answered: the first PING after the last answer.
  let since = pings.length;
  while (since > 0 && !answered(pings[since - 1])) since--;
  const unanswered = pings.slice(since);
  const timedOut = unanswered.filter(gaveUp).length;
  const max = Math.max(0.05, ...last.map(latency));
  return (
    <section className="panel clients" aria-labelledby="clients-h">
      <h2 id="clients-h">Clients</h2>
      <dl className="stats">
        <div>
          <dt>Queries sent</dt>
          <dd data-testid="sent">{sent}</dd>
        </div>
        <div>
          <dt>Completed</dt>
          <dd>{done}</dd>
        </div>
        <div>
          <dt>Pending</dt>
          <dd className={sent - done > 0 && unanswered.length ? 'bad' : undefined}>{sent - done}</dd>
        </div>
      </dl>
      <h3>PING latency</h3>
      {unanswered.length ? (
        <p className="bad" data-testid="ping-waiting">
          {unanswered.length > 1
            ? `No PING answered for ${formatMs(t - unanswered[0].sentT)}: ${unanswered.length} sent, ${timedOut} timed out`
            : `PING unanswered for ${formatMs(t - unanswered[0].sentT)}`}
        </p>
      ) : (
        <p className="muted">
          {last.length ? `last PING answered in ${formatMs(latency(last[last.length - 1]))}` : 'no PING sent yet'}
        </p>
      )}
      <div className="sparkline" aria-hidden="true">
        {last.map((p, i) => (
          <span
            key={i}
            className={answered(p) ? 'bar' : 'bar bad'}
            style={{ height: `${Math.max(4, (latency(p) / max) * 100)}%` }}
          />
        ))}
      </div>
    </section>
  );
}
