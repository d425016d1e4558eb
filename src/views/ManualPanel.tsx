/** Manual stepping: pick which thread moves next; the others say why they cannot. */
import { useIncident } from './incident';
import { useApp } from '../store/appStore';
import { formatMs } from './format';

export function ManualPanel() {
  const s = useApp();
  const ui = useIncident().ui;
  if (!s.manualMode) return null;
  const st = s.stateAt;
  // Members of a group drawn as a count (the load's clients) are listed only when the moves are few.
  const countedGroups = new Set(ui.groups.filter((g) => g.collapse === 'count').map((g) => g.id));
  const counted = new Set(
    ui
      .lanes(st?.moves.map((m) => m.actor) ?? [])
      .filter((l) => countedGroups.has(l.group))
      .map((l) => l.id),
  );
  return (
    <section className="panel manual" aria-labelledby="manual-h">
      <h2 id="manual-h">Who moves next?</h2>
      {!st || s.status === 'loading' ? (
        <p className="muted">Working out the moves…</p>
      ) : st.moves.length === 0 ? (
        <p className="bad">No thread can move: this is a terminal state.</p>
      ) : (
        <ul className="moves">
          {st.moves
            .filter((m) => !counted.has(m.actor) || st.moves.length < 12)
            .map((m) => (
              <li key={m.key}>
                <button type="button" onClick={() => s.chooseMove(m.key)}>
                  <strong>{m.actor}</strong>: {m.event}
                </button>{' '}
                <span className="muted">{m.source === 'offer' ? 'can take it now' : `due at ${formatMs(m.at)}`}</span>
              </li>
            ))}
        </ul>
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
