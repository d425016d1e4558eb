/**
 * The race window, measured: many seeds x the moment of injection x the
 * load, each run classified as hung, crashed or fine shortly after the
 * command. Runs record no trace and stop `windowMs` after the command: the
 * cycle forms (or not) within a scan's time, and a hang never un-hangs.
 * The runs of one seed and load are identical until their command arrives,
 * so they share that prefix: one run without a command advances to each
 * moment in turn, and each run is grafted onto it there.
 */
import { badState } from '../../engine/explorer';
import { DEFAULT_CONFIG } from './config';
import { createSimulation, type Scenario } from './scenario';

import { loadGrid, type Job, type Outcome, type SweepSpec } from './sweepSpec';

type Run = ReturnType<typeof createSimulation>;

/** The only actor whose state differs between the runs of a job before their command. */
const OPERATOR = 'redis-cli';

export {
  cells,
  deal,
  jobs,
  loadGrid,
  loadLabels,
  runCount,
  undeal,
  type Cell,
  type Job,
  type Load,
  type Outcome,
  type SweepSpec,
} from './sweepSpec';

export const DEFAULT_SWEEP: SweepSpec = {
  variant: 'prefix',
  workers: 8,
  target: 0,
  seeds: 40,
  at: [6, 8, 10, 12, 14],
  loads: loadGrid({
    clients: [10, 20],
    loadFractions: [0.25, 0.5, 1],
    aggregateFractions: [DEFAULT_CONFIG.aggregateFraction],
    shards: [1],
  }),
  windowMs: 3,
};

/** The scenario of one run of the sweep: `job` with the command at `at`. */
export function sweepScenario(spec: SweepSpec, job: Job, at: number | null): Scenario {
  const load = spec.loads[job.load];
  return {
    variant: spec.variant,
    seed: job.seed,
    until: at === null ? Infinity : at + spec.windowMs,
    record: false,
    config: {
      ...DEFAULT_CONFIG,
      workers: spec.workers,
      clients: load.clients,
      loadFraction: load.loadFraction,
      aggregateFraction: load.aggregateFraction,
      shards: load.shards,
      coordThreads: 4,
      ping: false,
      commands: at === null ? [] : [{ at, text: `FT.CONFIG SET WORKERS ${spec.target}` }],
    },
  };
}

function classify(sim: Run): Outcome {
  const bad = badState(sim);
  return bad ? (bad.kind === 'crash' ? 'crash' : 'hang') : 'ok';
}

/**
 * Runs `job` once per injection moment of `spec`, each to `windowMs` after
 * its command, and hands each finished simulation to `visit` with its index
 * in `spec.at`.
 */
export function forEachRun(spec: SweepSpec, job: Job, visit: (i: number, sim: Run) => void): void {
  const common = createSimulation(sweepScenario(spec, job, null));
  const idle = common.snapshot(OPERATOR);
  const order = spec.at.map((at, i) => ({ at, i })).sort((x, y) => x.at - y.at);
  for (const { at, i } of order) {
    common.run({ before: at });
    if (common.snapshot(OPERATOR) !== idle) throw new Error(`${OPERATOR} acted in a run without commands`);
    const s = sweepScenario(spec, job, at);
    const sim = createSimulation(s);
    sim.graft(common.saveWorld(), [OPERATOR]);
    sim.run({ until: s.until });
    visit(i, sim);
  }
}

/** The outcomes of `job` at every injection moment of `spec`, in the order of `spec.at`. */
export function runJob(spec: SweepSpec, job: Job): Outcome[] {
  const outcomes: Outcome[] = new Array(spec.at.length);
  forEachRun(spec, job, (i, sim) => (outcomes[i] = classify(sim)));
  return outcomes;
}
