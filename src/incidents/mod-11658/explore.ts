/**
 * The bounded scenarios the explorer checks: WORKERS N under Q queries (one
 * per client), and `CONFIG SET WORKERS M` that may arrive at any point. The
 * counterexample replays in the runner and on the screen under the same
 * untimed semantics.
 */
import { explore, type ExploreOptions, type ExploreResult } from '../../engine/explorer';
import { DEFAULT_CONFIG } from './config';
import { createSimulation, runScenario, type Scenario } from './scenario';
import type { Bounds } from './bounds';

export { DEFAULT_BOUNDS, type Bounds } from './bounds';

export function boundedScenario(b: Bounds, choices?: Record<number, string>): Scenario {
  return {
    variant: b.variant,
    seed: 1,
    until: Infinity,
    untimed: true,
    choices,
    config: {
      ...DEFAULT_CONFIG,
      workers: b.workers,
      clients: b.queries,
      queries: b.queries,
      loadFraction: b.loadFraction,
      ping: false,
      queryPick: 'spread',
      // Untimed: the operator's timers may fire at any point, the second one any time after the first.
      commands: [
        { at: 0, text: `FT.CONFIG SET WORKERS ${b.target}` },
        ...(b.then === undefined || b.then === null ? [] : [{ at: 0, text: `FT.CONFIG SET WORKERS ${b.then}` }]),
      ],
    },
  };
}

export function exploreBounds(b: Bounds, opts: ExploreOptions = {}): ExploreResult {
  const sim = createSimulation({ ...boundedScenario(b), record: false });
  return explore(sim, opts);
}

/** Replays a counterexample as a run (with its trace): the schedule, then nothing more. */
export function replay(b: Bounds, schedule: readonly string[]) {
  const choices = Object.fromEntries(schedule.map((k, i) => [i, k]));
  return runScenario({ ...boundedScenario(b, choices), maxSteps: schedule.length });
}
