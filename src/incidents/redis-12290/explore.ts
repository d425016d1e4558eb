/**
 * The bounded scenarios the explorer checks: R subscribers that each send
 * one XREADGROUP ... BLOCK 0 on a group that exists from the start, and a
 * feeder that sends a few XADDs, all connected from the start (or MULTI/XADD/XREADGROUP/EXEC with serve 0);
 * no PING, no new client. Untimed semantics; the counterexample replays in
 * the runner and on the screen under the same semantics.
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
      subscribers: b.subscribers,
      serve: b.serve,
      xadds: b.xadds,
      reads: 1,
      blockMs: 0,
      groupAtStart: true,
      connect: false,
      ping: false,
      connectAtMs: null,
      commands: [],
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
