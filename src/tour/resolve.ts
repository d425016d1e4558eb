/**
 * Where a tour chapter's mark falls in a run: found in the packed trace, the
 * verdict and the point-of-no-return band, never typed in. Pure, for the page
 * and for tests that check each chapter shows what it says.
 */
import type { PackedTrace } from '../engine/packed';
import { pointOfNoReturn, type FateSample } from '../engine/futures';
import type { TourMark } from '../incidents/module';

export interface RunFacts {
  trace: PackedTrace;
  verdictStep?: number;
  crashStep?: number;
  /** The point-of-no-return band, once worked out. */
  fates?: readonly FateSample[] | null;
}

/** A lane id, or a prefix ending in `-` for every lane of a group (`workers-`). */
export const laneMatches = (pattern: string, lane: string) =>
  pattern.endsWith('-') ? lane.startsWith(pattern) : lane === pattern;

/** The first step at which `fn` opens a span in a matching lane (the nth such span, across lanes, by time). */
function spanStep(trace: PackedTrace, lane: string, fn: string, nth: number): number | null {
  const code = trace.strings.indexOf(fn);
  if (code < 0) return null;
  const steps: number[] = [];
  trace.lanes.forEach((id, i) => {
    if (!laneMatches(lane, id)) return;
    for (let k = trace.offsets[i]; k < trace.offsets[i + 1]; k++)
      if (trace.fn[k] === code) steps.push(trace.startStep[k]);
  });
  steps.sort((a, b) => a - b);
  return nth < steps.length ? steps[nth] : null;
}

/**
 * The step a mark stands for; null while it cannot be known yet (the band is
 * still being worked out) or when the run has no such moment.
 */
export function resolveMark(mark: TourMark, run: RunFacts): number | null {
  switch (mark.kind) {
    case 'start':
      return 0;
    case 'end':
      return run.trace.steps;
    case 'verdict':
      return run.verdictStep ?? run.crashStep ?? null;
    case 'pointOfNoReturn': {
      if (!run.fates) return null;
      const i = pointOfNoReturn(run.fates);
      return i >= 0 ? run.fates[i].step : null;
    }
    case 'span':
      return spanStep(run.trace, mark.lane, mark.fn, mark.nth ?? 0);
  }
}
