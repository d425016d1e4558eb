/** A finished run, in the incident's words. */
import type { RunReport } from '../incidents/mod-11658/report';

const ms = (t: number) => (t < 1000 ? `${t.toFixed(3)} ms` : `${(t / 1000).toFixed(4)} s`);

export function ReportView({ report }: { report: RunReport }) {
  const hung = report.outcome === 'deadlock';
  return (
    <article className="report" data-testid="report" data-outcome={report.outcome}>
      <h2 className={hung ? 'outcome hung' : 'outcome ok'} role="status">
        {hung
          ? `Deadlock at ${ms(report.deadlockAt!)} (${report.deadlockWallClock})`
          : 'No deadlock: the server kept answering'}
      </h2>
      {hung && (
        <p className="cycle">
          Cycle: <code>{[...report.cycle, report.cycle[0]].join(' → ')}</code>
        </p>
      )}
      <p>{report.explanation}</p>
      <h3>Commands</h3>
      <ul className="replies">
        {report.replies.map((r) => (
          <li key={r.id}>
            <code>{r.command}</code> at {ms(r.at)}: <code>{r.reply ?? '(no reply)'}</code>
          </li>
        ))}
      </ul>
      <p>
        Queries: {report.stats.sent} sent, {report.stats.completed} completed, {report.stats.pending} pending. Steps:{' '}
        {report.steps}.
      </p>
      <h3>Redis log</h3>
      <pre className="log" tabIndex={0} aria-label="Redis log">
        {report.log.join('\n')}
      </pre>
      <h3>Call stacks (innermost first)</h3>
      <dl className="stacks">
        {Object.entries(report.stacks)
          .filter(([id]) => !id.startsWith('coord-'))
          .map(([id, frames]) => (
            <div key={id}>
              <dt>{id}</dt>
              <dd>
                <code>{frames.join(' ← ')}</code>
              </dd>
            </div>
          ))}
      </dl>
    </article>
  );
}
