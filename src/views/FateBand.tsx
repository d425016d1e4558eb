/**
 * The point-of-no-return band for a bounded run: one cell per step, coloured
 * by what is still reachable from there: the hang impossible, possible, or
 * already inevitable. Clicking a cell moves the cursor to that step.
 */
import { useApp } from '../store/appStore';
import type { Fate } from '../engine/explorer';

const WORDS: Record<Fate, string> = {
  impossible: 'a hang is impossible from here',
  possible: 'a hang is possible from here',
  inevitable: 'a hang is already inevitable',
  unknown: 'too many states to tell',
};

export function FateBand() {
  const fates = useApp((s) => s.fates);
  const cursor = useApp((s) => s.cursor);
  const setCursor = useApp((s) => s.setCursor);
  const untimed = useApp((s) => s.inputs.untimed);
  if (!untimed) return null;
  if (!fates) return <p className="muted fate-note">Working out the point of no return…</p>;
  const first = fates.indexOf('inevitable');
  return (
    <div className="fate-band" aria-label="Point of no return">
      <span className="fate-title">Point of no return</span>
      <ol className="fate-cells">
        {fates.map((f, i) => (
          <li key={i}>
            <button
              type="button"
              className={`fate fate-${f}${i === cursor ? ' here' : ''}`}
              title={`step ${i}: ${WORDS[f]}`}
              aria-label={`step ${i}: ${WORDS[f]}`}
              onClick={() => setCursor(i)}
            />
          </li>
        ))}
      </ol>
      <span className="muted" data-testid="fate-summary">
        {first >= 0
          ? `The hang becomes inevitable at step ${first}.`
          : fates.includes('possible')
            ? 'A hang stays possible.'
            : 'No hang can happen.'}
      </span>
    </div>
  );
}
