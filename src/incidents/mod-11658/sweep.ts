/**
 * The race window, measured: many seeds x the moment of injection x the
 * load, each run classified as hung, crashed or fine shortly after the
 * command. Runs record no trace and stop `windowMs` after the command: the
 * cycle forms (or not) within a scan's time, and a hang never un-hangs.
 */
import { badState } from '../../engine/explorer';
import { DEFAULT_CONFIG } from './config';
import { createSimulation } from './scenario';

import { type Job, type Outcome, type SweepSpec } from './sweepSpec';

export { cells, jobs, type Cell, type Job, type Load, type Outcome, type SweepSpec } from './sweepSpec';

export const DEFAULT_SWEEP: SweepSpec = {
  variant: 'prefix',
  workers: 8,
  target: 0,
  seeds: 40,
  at: [6, 8, 10, 12, 14],
  loads: [0.25, 0.5, 1].flatMap((loadFraction) => [10, 20].map((clients) => ({ clients, loadFraction, shards: 1 }))),
  windowMs: 3,
};

export function runJob(spec: SweepSpec, job: Job): Outcome {
  const load = spec.loads[job.load];
  const at = spec.at[job.at];
  const sim = createSimulation({
    variant: spec.variant,
    seed: job.seed,
    until: at + spec.windowMs,
    record: false,
    config: {
      ...DEFAULT_CONFIG,
      workers: spec.workers,
      clients: load.clients,
      loadFraction: load.loadFraction,
      shards: load.shards,
      coordThreads: 4,
      ping: false,
      commands: [{ at, text: `FT.CONFIG SET WORKERS ${spec.target}` }],
    },
  });
  sim.run({ until: at + spec.windowMs });
  const bad = badState(sim);
  return bad ? (bad.kind === 'crash' ? 'crash' : 'hang') : 'ok';
}
