/**
 * The `Command` console (runs a command at the cursor's moment and shows
 * redis-cli's reply, or that none came) and the list of scheduled commands,
 * whose times and texts can be edited; changing one re-runs the future.
 */
import { useState, type FormEvent } from 'react';
import { useApp, cursorTime } from '../store/appStore';
import { useIncident } from './incident';
import { formatMs } from './format';
import { UNTIL_MAX } from '../url/hash';
import { replyById, withCommandIds } from '../incidents/commandIds';
import type { CommandReply } from '../incidents/module';
import './console.css';

export function CommandsPanel() {
  const s = useApp();
  const ui = useIncident().ui;
  const [text, setText] = useState(ui.consolePlaceholder);
  const [newAt, setNewAt] = useState('');
  /** What the last Send did: nothing (an empty line), or a command added to the schedule, which Undo takes back. */
  const [sent, setSent] = useState<{ blank: true } | { blank: false; at: number; text: string; id: string } | null>(
    null,
  );
  const run = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) {
      setSent({ blank: true });
      return;
    }
    const at = cursorTime(s);
    s.runInConsole(text);
    const id = useApp.getState().consoleLog.at(-1)?.commandId;
    setSent(id ? { blank: false, at, text: text.trim(), id } : null);
  };
  const undo = () => {
    if (!sent || sent.blank) return;
    const i = withCommandIds(s.inputs.commands).findIndex((c) => c.id === sent.id);
    if (i >= 0) s.removeCommand(i);
    setSent(null);
  };
  // One truth: the console and the schedule both read the current run's reply to a command by its id.
  const replies = s.status === 'loading' ? undefined : s.run?.report.replies;
  const scheduled = withCommandIds(s.inputs.commands);
  const t = cursorTime(s);
  return (
    <section className="panel commands" aria-labelledby="commands-h">
      <h2 id="commands-h">Commands</h2>
      <form onSubmit={run} className="console">
        <label htmlFor="console-input">Command</label>
        <div className="console-row">
          <input
            id="console-input"
            value={text}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => setText(e.target.value)}
            placeholder={ui.consolePlaceholder}
          />
          <button type="submit" disabled={!s.run}>
            Send
          </button>
        </div>
        <p className="muted hint">Runs at the cursor, {formatMs(t)}; the future re-runs from there.</p>
        {sent && (
          <p className="hint" role="status" data-testid="console-sent">
            {sent.blank ? (
              'Nothing to send: redis-cli ignores a line of only spaces.'
            ) : (
              <>
                Added to Scheduled at {formatMs(sent.at)}: {sent.text}.{' '}
                <button type="button" onClick={undo}>
                  Undo
                </button>
              </>
            )}
          </p>
        )}
      </form>
      <ol className="console-log" aria-label="Console output" aria-live="polite">
        {s.consoleLog.map((c) => {
          // The command as the schedule has it now: edited there, its line shows what was run and its reply.
          const now = scheduled.find((x) => x.id === c.commandId);
          const edited = !!now && (now.text !== c.text || now.at !== c.at);
          return (
            <li key={c.id}>
              <div>
                <span className="prompt">127.0.0.1:6379&gt;</span> {now?.text ?? c.text}{' '}
                <span className="muted">
                  at {formatMs(now?.at ?? c.at)}
                  {edited && ' (edited in Scheduled)'}
                </span>
              </div>
              {c.clientError ? (
                <div className="reply bad">{c.clientError}</div>
              ) : (
                <ConsoleReply
                  r={replies && c.commandId ? replyById(replies, c.commandId) : undefined}
                  loading={!replies}
                  scheduled={!!now}
                />
              )}
            </li>
          );
        })}
      </ol>
      <h3>Scheduled</h3>
      {s.inputs.commands.length === 0 && <p className="muted">No command scheduled.</p>}
      <ul className="schedule" data-testid="scheduled">
        {scheduled.map((c, i) => {
          const r = replies && replyById(replies, c.id);
          return (
            <li key={`${i}:${c.at}:${c.text}`} data-command-id={c.id}>
              <ScheduleRow index={i} at={c.at} text={c.text} />
              <div className={r && r.reply === null ? 'reply bad' : 'reply'}>
                {r ? (r.reply === null ? 'no reply' : r.reply) : !replies ? '…' : ''}
              </div>
              {r?.note && <p className="reply-note">{r.note}</p>}
            </li>
          );
        })}
      </ul>
      <form
        className="schedule-add"
        onSubmit={(e) => {
          e.preventDefault();
          const at = newAt.trim() === '' ? t : Number(newAt);
          if (Number.isFinite(at) && at >= 0 && at <= UNTIL_MAX && text.trim()) {
            s.addCommand(at, text.trim());
            setNewAt('');
          }
        }}
      >
        <label>
          <span>Schedule the command above at (ms)</span>
          <input
            value={newAt}
            inputMode="decimal"
            placeholder={t.toFixed(3)}
            onChange={(e) => setNewAt(e.target.value)}
          />
        </label>
        <button type="submit">Schedule</button>
      </form>
    </section>
  );
}

/** A console line's reply: the run's, by the command's id; or why there is none. */
function ConsoleReply({ r, loading, scheduled }: { r?: CommandReply; loading: boolean; scheduled: boolean }) {
  if (loading) return <div className="reply">running…</div>;
  if (!r)
    return (
      <div className="reply muted">
        {scheduled ? '(not sent: the run ends before it)' : '(not sent: removed from the schedule)'}
      </div>
    );
  return (
    <>
      <div className={r.reply === null ? 'reply bad' : 'reply'}>
        {r.reply === null ? '(no reply: the server is not answering)' : r.reply}
      </div>
      {r.note && <p className="reply-note">{r.note}</p>}
    </>
  );
}

function ScheduleRow({ index, at, text }: { index: number; at: number; text: string }) {
  const update = useApp((s) => s.updateCommand);
  const remove = useApp((s) => s.removeCommand);
  // As the rest of the page writes times: a few decimals, not the float's every digit.
  const [rawAt, setRawAt] = useState(String(+at.toFixed(3)));
  const [rawText, setRawText] = useState(text);
  const atError = (() => {
    const n = Number(rawAt);
    return rawAt.trim() === '' || !Number.isFinite(n) || n < 0 || n > UNTIL_MAX
      ? `time must be from 0 to ${UNTIL_MAX} ms (${formatMs(UNTIL_MAX)})`
      : null;
  })();
  const commit = () => {
    if (atError || !rawText.trim()) return;
    const moved = Number(rawAt) !== +at.toFixed(3);
    if (moved || rawText.trim() !== text) update(index, { at: moved ? Number(rawAt) : at, text: rawText.trim() });
  };
  return (
    <div className="schedule-row">
      <input
        aria-label={`Time of scheduled command ${index + 1} (ms)`}
        className="at"
        value={rawAt}
        inputMode="decimal"
        aria-invalid={atError ? true : undefined}
        onChange={(e) => setRawAt(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      <input
        aria-label={`Scheduled command ${index + 1}`}
        value={rawText}
        spellCheck={false}
        onChange={(e) => setRawText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      <button type="button" aria-label={`Remove scheduled command ${index + 1}`} onClick={() => remove(index)}>
        ✕
      </button>
      {atError && <span className="field-error">{atError}</span>}
    </div>
  );
}
