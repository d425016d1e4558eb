/**
 * The point of no return, in words, under the timeline (whose strip shows
 * it in colour). A bounded untimed run gets one cell per step with its
 * exact fate (explored from that step); a timed run gets sampled futures
 * per point and a button to the step from which every one of them hangs.
 */
import { useApp } from '../store/appStore';
import type { Fate } from '../engine/explorer';
import { pointOfNoReturn, type FateSample } from '../engine/futures';
import { formatMs } from './format';

const WORDS: Record<Fate, string> = {
  impossible: 'a hang is impossible from here',
  possible: 'a hang is possible from here',
  inevitable: 'a hang is already inevitable',
  unknown: 'too many states to tell',
};

export function FateBand() {
  const fates = useApp((s) => s.fates);
  const progress = useApp((s) => s.fateProgress);
  const cursor = useApp((s) => s.cursor);
  const setCursor = useApp((s) => s.setCursor);
  const untimed = useApp((s) => s.inputs.untimed);
  const status = useApp((s) => s.status);
  if (status !== 'ready') return null;
  if (!fates)
    return (
      <p className="muted fate-note" data-testid="fate-summary">
        Working out the point of no return{progress ? ` (${progress} points so far)` : ''}…
      </p>
    );
  return untimed ? <ExactBand fates={fates} cursor={cursor} setCursor={setCursor} /> : <SampledBand fates={fates} />;
}

function ExactBand({
  fates,
  cursor,
  setCursor,
}: {
  fates: FateSample[];
  cursor: number;
  setCursor: (s: number) => void;
}) {
  const first = fates.findIndex((f) => f.fate === 'inevitable');
  return (
    <div className="fate-band" aria-label="Point of no return">
      <span className="fate-title">Point of no return</span>
      <ol className="fate-cells">
        {fates.map((f) => (
          <li key={f.step}>
            <button
              type="button"
              className={`fate fate-${f.fate}${f.step === cursor ? ' here' : ''}`}
              title={`step ${f.step}: ${WORDS[f.fate]}`}
              aria-label={`step ${f.step}: ${WORDS[f.fate]}`}
              onClick={() => setCursor(f.step)}
            />
          </li>
        ))}
      </ol>
      <span className="muted" data-testid="fate-summary">
        {first >= 0
          ? `The hang becomes inevitable at step ${fates[first].step}.`
          : fates.some((f) => f.fate === 'possible')
            ? 'A hang stays possible.'
            : 'No hang can happen.'}{' '}
        Exact: every interleaving explored from each step.
      </span>
    </div>
  );
}

/**
 * What n sampled futures can and cannot prove, in numbers: a fate that one
 * future in four would meet is missed by all n with probability 0.75^n.
 */
function proofOf(n: number): string {
  const miss = Math.pow(0.75, n);
  return (
    `A sample shows what is likely, not what is certain: a fate that 1 future in 4 would meet is missed by all ${n} ` +
    `about ${miss < 0.01 ? '<1' : Math.round(miss * 100)}% of the time; only the closed cycle, the proved loop or the crash is certain.`
  );
}

function SampledBand({ fates }: { fates: FateSample[] }) {
  const setCursor = useApp((s) => s.setCursor);
  const run = useApp((s) => s.run);
  const n = Math.max(...fates.map((f) => f.futures));
  const at = pointOfNoReturn(fates);
  const p = at >= 0 ? fates[at] : null;
  const closed = fates.find((f) => f.exact);
  const most = Math.max(...fates.map((f) => f.hangs + f.crashes));
  const hangs = fates.some((f) => f.hangs > 0);
  const crashes = fates.some((f) => f.crashes > 0);
  const verb = crashes ? (hangs ? 'hangs or crashes' : 'crashes') : 'hangs';
  const loop = run?.verdict?.outcome === 'livelock';
  let text: string;
  if (p) {
    text =
      `Step ${p.step.toLocaleString('en-US')} (${formatMs(p.t)}): from here every one of ${n} sampled futures ${verb}` +
      (at > 0 ? ` (${fates[at - 1].hangs + fates[at - 1].crashes} of ${n} one step earlier).` : '.') +
      (closed
        ? ` The ${closed.crashes ? 'server crashes' : loop ? 'endless loop is proved' : 'cycle closes'} at step ${closed.step.toLocaleString('en-US')} (proved).`
        : '');
  } else if (most > 0) {
    text = `A bad end stays possible: at most ${most} of ${n} sampled futures hang or crash from any point.`;
  } else text = `No hang: none of ${n} sampled futures hangs from any of the ${fates.length} points.`;
  const method =
    `${n} futures per point (the scheduler's tie-breaks and the work durations drawn anew), ${fates.length} points from ` +
    `${formatMs(fates[0].t)}, bisected where the outcome changes. The strip above the lanes shows them in time.`;
  return (
    <div className="fate-band" aria-label="Point of no return">
      <span className="fate-title">Point of no return</span>
      <span data-testid="fate-summary" title={method}>
        {text}
      </span>
      <span className="muted fate-method">
        Sampled: {method} {proofOf(n)}
      </span>
      <ul className="fate-legend" aria-label="Point-of-no-return strip">
        <li>
          <span className="swatch k-fate-safe" aria-hidden="true" /> no sampled future hangs
        </li>
        <li>
          <span className="swatch k-fate-some" aria-hidden="true" /> some do (darker: more)
        </li>
        <li>
          <span className="swatch k-cycle" aria-hidden="true" /> every one does, or the hang is proved
        </li>
      </ul>
      {p && (
        <button type="button" onClick={() => setCursor(p.step)}>
          Go to the point of no return
        </button>
      )}
    </div>
  );
}
