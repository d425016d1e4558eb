/**
 * Wall-clock limits and progress for long explorations run from the command
 * line and the bench: the explorer's own `onProgress` hook, which is
 * measurement only (the search never reads the clock to decide a move).
 */
import type { ExploreOptions } from '../engine/explorer';

/**
 * `opts`, plus a stop (verdict incomplete) once `seconds` of wall clock have
 * passed, and `report` called at most every `reportEvery` seconds with how
 * far the search got.
 */
export function timeCapped(
  seconds: number,
  opts: ExploreOptions = {},
  report?: (p: { states: number; seconds: number }) => void,
  reportEvery = 10,
): ExploreOptions {
  if (!Number.isFinite(seconds) && !report) return opts;
  const start = performance.now();
  let next = reportEvery;
  return {
    progressEvery: 2000,
    ...opts,
    onProgress: (p) => {
      const elapsed = (performance.now() - start) / 1000;
      if (report && elapsed >= next) {
        next = elapsed + reportEvery;
        report({ states: p.states, seconds: elapsed });
      }
      return elapsed > seconds;
    },
  };
}
