/**
 * The race window, measured for any incident: many seeds x the moment of
 * injection x the load, each run classified as hung, crashed or fine
 * shortly after the command. Runs record no trace and stop `windowMs`
 * after the command: a hang never un-hangs. The runs of one seed and load
 * are identical until their command arrives, so they share that prefix: one
 * run without a command advances to each moment in turn, and each run is
 * grafted onto it there.
 */
import { badState } from '../engine/explorer';
import type { Simulation } from '../engine/simulation';
import { coreOf } from './cores';
import { sweepScenario, type Job, type Outcome, type SweepSpec } from './sweepSpec';

export * from './sweepSpec';

/** The only actor whose state differs between the runs of a job before their command: the operator. */
const OPERATOR = 'redis-cli';

function classify(sim: Simulation<unknown, unknown>): Outcome {
  const bad = badState(sim);
  return bad ? (bad.kind === 'crash' ? 'crash' : 'hang') : 'ok';
}

/**
 * Runs `job` once per injection moment of `spec`, each to `windowMs` after
 * its command, and hands each finished simulation to `visit` with its index
 * in `spec.at`.
 */
export function forEachRun(
  spec: SweepSpec,
  job: Job,
  visit: (i: number, sim: Simulation<unknown, unknown>) => void,
): void {
  const core = coreOf(spec.incident);
  const common = core.createSimulation(sweepScenario(spec, job, null));
  const idle = common.snapshot(OPERATOR);
  const order = spec.at.map((at, i) => ({ at, i })).sort((x, y) => x.at - y.at);
  for (const { at, i } of order) {
    common.run({ before: at });
    if (common.snapshot(OPERATOR) !== idle) throw new Error(`${OPERATOR} acted in a run without commands`);
    const s = sweepScenario(spec, job, at);
    const sim = core.createSimulation(s);
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
