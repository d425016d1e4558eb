/**
 * Manual stepping: pick which thread moves next; the others say why they
 * cannot. Every enabled move is listed (many clients' moves gathered into one
 * expandable group with its count, never left out), and a move due later
 * than the soonest says that picking it first runs what is due before it.
 */
import { useIncident } from './incident';
import { useApp } from '../store/appStore';
import { formatMs } from './format';
import { groupMoves, type MoveRow } from '../incidents/moveGroups';

/** Groups of at most this many moves start expanded. */
const OPEN_GROUP_MAX = 5;

export function ManualPanel() {
  const s = useApp();
  const ui = useIncident().ui;
  if (!s.manualMode) return null;
  const st = s.stateAt;
  const untimed = s.inputs.untimed;
  const g = st && st.moves.length ? groupMoves(st.moves, ui, { untimed }) : null;
  return (
    <section className="panel manual" aria-labelledby="manual-h">
      <h2 id="manual-h">Who moves next?</h2>
      {s.manualNote && (
        <p className="hint" role="status" data-testid="manual-note">
          {s.manualNote}
        </p>
      )}
      {!st || s.status === 'loading' ? (
        <p className="muted">Working out the moves…</p>
      ) : !g ? (
        <p className="bad">No thread can move: this is a terminal state.</p>
      ) : (
        <>
          <p className="muted" data-testid="moves-summary">
            {g.total} {g.total === 1 ? 'move' : 'moves'}
            {/* Untimed, nothing is "later": a pick is taken at once, and the moves it passes stay pending. */}
            {untimed && '. Untimed (the explorer’s semantics): any pending move may come next, whenever it is due.'}
            {g.later > 0 &&
              `: ${g.total - g.later} due now (${formatMs(g.soonest)}), ${g.later} later. ` +
                'Picking a later one first runs everything due before it, as the scheduler would.'}
          </p>
          <ul className="moves">
            {g.items.map((it) =>
              it.kind === 'move' ? (
                <li key={it.move.key}>
                  <Move m={it.move} untimed={untimed} />
                </li>
              ) : (
                <li key={`group:${it.id}`}>
                  {/* A handful is shown open; a crowd is one line with its count until expanded. */}
                  <details open={it.moves.length <= OPEN_GROUP_MAX}>
                    <summary>
                      {it.label}: {it.moves.length} moves
                      {it.moves.some((m) => !m.now) && ` (${it.moves.filter((m) => m.now).length} due now)`}
                    </summary>
                    <ul className="moves">
                      {it.moves.map((m) => (
                        <li key={m.key}>
                          <Move m={m} untimed={untimed} />
                        </li>
                      ))}
                    </ul>
                  </details>
                </li>
              ),
            )}
          </ul>
        </>
      )}
      {st && st.blocked.length > 0 && (
        <>
          <h3>Cannot move</h3>
          <ul className="blocked">
            {st.blocked.map((b) => (
              <li key={b.actor}>
                <strong>{b.actor}</strong> {b.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Move({ m, untimed }: { m: MoveRow; untimed: boolean }) {
  const choose = useApp((s) => s.chooseMove);
  return (
    <>
      <button type="button" onClick={() => choose(m.key)}>
        <strong>{m.actor}</strong>: {m.event}
      </button>{' '}
      <span className="muted">
        {m.source === 'offer'
          ? 'can take it now'
          : untimed
            ? `due at ${formatMs(m.at)}`
            : m.now
              ? `due now (${formatMs(m.at)})`
              : `due at ${formatMs(m.at)}: the moves due before it run first`}
      </span>
    </>
  );
}
