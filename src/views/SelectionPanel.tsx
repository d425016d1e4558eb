/**
 * The span clicked on the timeline: what the thread was doing, for how long,
 * and why. Its box is always there, at a fixed height, with a hint while
 * nothing is selected: selecting a span must not push the panels below down.
 */
import { useApp } from '../store/appStore';
import { kindLabel } from '../render/palette';
import { useIncident } from './incident';
import { describeSpan, formatMs, waitOfSpan } from './format';

export function SelectionPanel() {
  const sel = useApp((s) => s.selection);
  const run = useApp((s) => s.run);
  const stacks = useApp((s) => s.stateAt?.stacks);
  const select = useApp((s) => s.select);
  const ui = useIncident().ui;
  if (!sel || !run)
    return (
      <section className="panel selection empty" aria-label="Selected span">
        <p className="muted">Click a span on the timeline to see what its thread was doing, and why.</p>
      </section>
    );
  const d = describeSpan(run.trace, sel.span);
  const wait = waitOfSpan(run.trace, sel.actor, sel.span, ui.locks);
  const stack = stacks?.find((x) => x.id === sel.actor);
  return (
    <section className="panel selection" aria-labelledby="selection-h">
      <div className="selection-head">
        <h2 id="selection-h">
          {sel.actor}: {kindLabel(ui.spanKinds, run.trace.kinds[run.trace.kind[sel.span]])}
        </h2>
        <button type="button" onClick={() => select(null)} aria-label="Close the selected span">
          ✕
        </button>
      </div>
      <p>
        <code>{d.fn}</code> (state <code>{d.state}</code>) from {formatMs(d.start)} to {formatMs(d.start + d.duration)},
        for {formatMs(d.duration)}.{wait && ` It ${wait}.`}
      </p>
      {stack && (
        <p className="muted">
          Stack at the cursor: <code>{stack.frames.join(' ← ')}</code>
        </p>
      )}
    </section>
  );
}
