/** Helpers shared by the MOD-11658 tests (not used by the product). */
import type { Simulation } from '../../engine/simulation';
import { traceDigest } from '../../engine/digest';
import type { WorkerContext } from '../../machines/mod-11658/worker';
import type { QueryJob } from '../../machines/mod-11658/model';
import { DEFAULT_CONFIG, type Mod11658Config } from './config';
import type { Mod11658Shared } from './index';
import { createSimulation, runScenario, type Scenario } from './scenario';

export type Sim = Simulation<Mod11658Config, Mod11658Shared>;

export type ScenarioPatch = Omit<Partial<Scenario>, 'config'> & { config?: Partial<Mod11658Config> };

export function scenario(over: ScenarioPatch = {}): Scenario {
  return { variant: 'prefix', seed: 1, until: 1500, ...over, config: { ...DEFAULT_CONFIG, ...over.config } };
}

export const run = (over: ScenarioPatch | Scenario = {}) => runScenario(scenario(over));

/** Workers that will need the GIL before they can take an ADMIN job. */
export function boundForGil(sim: Sim): string[] {
  return sim
    .actors()
    .filter((a) => a.kind === 'worker')
    .filter((a) => {
      const s = sim.snapshot(a.id)!;
      const job = (s.context as WorkerContext).job;
      return s.value === 'waitingGil' || (s.value === 'scanning' && (job as QueryJob | null)?.needsLoad === true);
    })
    .map((a) => a.id);
}

/**
 * Steps until the main thread first spins on a barrier; returns the workers
 * bound for the GIL at that moment (null if it never spun), then runs on.
 */
export function stuckAtSpin(s: Scenario): { sim: Sim; bound: string[] | null } {
  const sim = createSimulation(s);
  let bound: string[] | null = null;
  while (sim.stepOnce(undefined, s.until)) {
    if (bound === null && sim.snapshot('main')!.value === 'spinBarrier') bound = boundForGil(sim);
  }
  return { sim, bound };
}

export function logMessages(sim: Sim): string[] {
  return sim.trace.log.map((l) => l.message);
}

/** A digest of everything a view could draw: equal digests mean equal runs. */
export const digest = (sim: Sim) => traceDigest(sim);
