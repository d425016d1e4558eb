/**
 * The point of no return, in words, under the timeline (whose strip shows
 * it in colour). A bounded untimed run gets one cell per step with its
 * exact fate (explored from that step); a timed run gets sampled futures
 * per point and a button to the step from which every one of them hangs.
 */
import type { ReactNode } from 'react';
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
  if (status !== 'ready' || !fates)
    // The same frame as the finished band (title, two-line summary, legend row), so nothing below moves when it arrives.
    return (
      <div className="fate-band" aria-label="Point of no return" aria-busy="true">
        <p className="fate-head">
          <span className="fate-title">Point of no return</span>{' '}
          <span className="muted" data-testid="fate-summary">
            {status === 'ready'
              ? `Working out the point of no return${progress ? ` (${progress} points so far)` : ''}…`
              : 'Waiting for the run…'}
          </span>
        </p>
        {!untimed && (
          <StripLegend>
            <details className="fate-why">
              <summary>How sure is this?</summary>
              <p>
                Sampled futures are run from points along the run once it is in; this says how many, and what they
                prove.
              </p>
            </details>
          </StripLegend>
        )}
      </div>
    );
  return untimed ? <ExactBand fates={fates} cursor={cursor} setCursor={setCursor} /> : <SampledBand fates={fates} />;
}

/** The strip's legend, the button to the point (kept in place, hidden, while there is none) and the details. */
function StripLegend({ onGo, children }: { onGo?: () => void; children: ReactNode }) {
  return (
    <div className="fate-foot">
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
        <li>
          <span className="swatch k-fate-none" aria-hidden="true" /> blank: not sampled (long before any command)
        </li>
      </ul>
      <button type="button" onClick={onGo} style={onGo ? undefined : { visibility: 'hidden' }}>
        Go to the point of no return
      </button>
      {children}
    </div>
  );
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
      <p className="fate-head">
        <span className="fate-title">Point of no return</span>{' '}
        <span className="muted" data-testid="fate-summary">
          {first >= 0
            ? `The hang becomes inevitable at step ${fates[first].step}.`
            : fates.some((f) => f.fate === 'possible')
              ? 'A hang stays possible.'
              : 'No hang can happen.'}{' '}
          Exact: every interleaving explored from each step.
        </span>
      </p>
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
  const commands = useApp((s) => s.inputs.commands);
  const n = Math.max(...fates.map((f) => f.futures));
  const at = pointOfNoReturn(fates);
  const p = at >= 0 ? fates[at] : null;
  const closed = fates.find((f) => f.exact);
  const most = Math.max(...fates.map((f) => f.hangs + f.crashes));
  const hangs = fates.some((f) => f.hangs > 0);
  const crashes = fates.some((f) => f.crashes > 0);
  const verb = crashes ? (hangs ? 'hangs or crashes' : 'crashes') : 'hangs';
  const loop = run?.verdict?.outcome === 'livelock';
  // The command still to come at the point of no return: what the step is "before".
  // The step's time as the cursor shows it (a sample's own clock may have run on past a frozen loop).
  const pt = p ? (run?.trace.stepTimes[p.step] ?? p.t) : 0;
  const next = p ? commands.filter((c) => c.at > pt).sort((a, b) => a.at - b.at)[0] : undefined;
  const before = p ? fates[at - 1] : undefined;
  let text: string;
  if (p) {
    text =
      `Step ${p.step.toLocaleString('en-US')} (${formatMs(pt)}` +
      (next && !p.exact ? `, ${formatMs(next.at - pt)} before ${next.text} is sent` : '') +
      `): from here every one of ${n} sampled futures ${verb}` +
      (before ? ` (${before.hangs + before.crashes} of ${n} one step earlier).` : '.') +
      (closed
        ? ` The ${closed.crashes ? 'server crashes' : loop ? 'endless loop is proved' : 'cycle closes'} at step ${closed.step.toLocaleString('en-US')} (proved).`
        : '');
  } else if (most > 0) {
    text = `A bad end stays possible: at most ${most} of ${n} sampled futures hang or crash from any point.`;
  } else text = `No hang: none of ${n} sampled futures hangs from any of the ${fates.length} points.`;
  const method =
    `${n} futures per point (the scheduler's tie-breaks and the work durations drawn anew), ${fates.length} points from ` +
    `${formatMs(fates[0].t)}, bisected where the outcome changes. The strip above the lanes shows them in time.`;
  const margin = before ? n - (before.hangs + before.crashes) : 0;
  return (
    <div className="fate-band" aria-label="Point of no return">
      <p className="fate-head">
        <span className="fate-title">Point of no return</span>{' '}
        <span data-testid="fate-summary" title={method}>
          {text}
        </span>
      </p>
      <StripLegend onGo={p ? () => setCursor(p.step) : undefined}>
        <details className="fate-why">
          <summary>{p ? 'What had happened by then, and how sure is this?' : `How sure is this?`}</summary>
          {p?.note && <p data-testid="fate-moment">{p.note}</p>}
          {p && !p.exact && (
            <p>
              {next
                ? `The step comes before the command: what decides the outcome is the work in flight when ${next.text} arrives, and from here on every sampled future has the work that ${verb === 'hangs' ? 'hangs' : 'ends badly'} in place by then.`
                : 'From here on every sampled future ends badly.'}
              {margin === 1 &&
                ` One future more or less tells this step from the one before: within what ${n} samples can tell apart.`}
            </p>
          )}
          <p className="muted">
            Sampled: {method} {proofOf(n)}
          </p>
        </details>
      </StripLegend>
    </div>
  );
}
