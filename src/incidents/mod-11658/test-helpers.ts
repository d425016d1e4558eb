/** Helpers shared by the MOD-11658 tests (not used by the product). */
import type { Simulation } from '../../engine/simulation';
import type { WorkerContext } from '../../machines/mod-11658/worker';
import type { QueryJob } from '../../machines/mod-11658/model';
import { DEFAULT_CONFIG, type Mod11658Config } from './config';
import type { Mod11658Shared } from './index';
import { createSimulation, runScenario, type Scenario } from './scenario';

export type Sim = Simulation<Mod11658Config, Mod11658Shared>;

export function scenario(over: Partial<Scenario> & { config?: Partial<Mod11658Config> } = {}): Scenario {
  return { variant: 'prefix', seed: 1, until: 1500, ...over, config: { ...DEFAULT_CONFIG, ...over.config } };
}

export const run = (over: Parameters<typeof scenario>[0] = {}) => runScenario(scenario(over));

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
export function digest(sim: Sim): string {
  const spans = [...sim.trace.lanes.entries()].map(([id, l]) => [id, l.map((s) => [s.start, s.end, s.state])]);
  return JSON.stringify({
    steps: sim.step,
    t: sim.t,
    choices: sim.choiceLog.slice(0, sim.step),
    log: sim.trace.log,
    notes: sim.trace.notes,
    handoffs: sim.trace.handoffs,
    waits: sim.trace.waits,
    messages: sim.trace.messages.length,
    spans,
    verdict: sim.verdict,
  });
}
