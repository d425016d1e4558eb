/**
 * The race window, measured: many seeds x the moment of injection x the
 * load, each run classified as hung, crashed or fine shortly after the
 * command. Runs record no trace and stop `windowMs` after the command: the
 * cycle forms (or not) within a scan's time, and a hang never un-hangs.
 */
import { badState } from '../../engine/explorer';
import { DEFAULT_CONFIG } from './config';
import { createSimulation } from './scenario';

export interface Load {
  clients: number;
  loadFraction: number;
  shards: number;
}

export interface SweepSpec {
  variant: string;
  workers: number;
  target: number;
  seeds: number;
  /** Injection moments, virtual ms. */
  at: number[];
  loads: Load[];
  windowMs: number;
}

export const DEFAULT_SWEEP: SweepSpec = {
  variant: 'prefix',
  workers: 8,
  target: 0,
  seeds: 40,
  at: [6, 8, 10, 12, 14],
  loads: [0.25, 0.5, 1].flatMap((loadFraction) => [10, 20].map((clients) => ({ clients, loadFraction, shards: 1 }))),
  windowMs: 3,
};

export interface Job {
  at: number;
  load: number;
  seed: number;
}

export type Outcome = 'hang' | 'crash' | 'ok';

export function jobs(spec: SweepSpec): Job[] {
  const out: Job[] = [];
  spec.at.forEach((_, a) =>
    spec.loads.forEach((__, l) => {
      for (let seed = 1; seed <= spec.seeds; seed++) out.push({ at: a, load: l, seed });
    }),
  );
  return out;
}

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

export interface Cell {
  runs: number;
  hangs: number;
  crashes: number;
}

/** Cells [at][load] from outcomes of `jobs(spec)`, in the same order. */
export function cells(spec: SweepSpec, js: readonly Job[], outcomes: readonly Outcome[]): Cell[][] {
  const grid = spec.at.map(() => spec.loads.map(() => ({ runs: 0, hangs: 0, crashes: 0 })));
  js.forEach((j, i) => {
    const c = grid[j.at][j.load];
    c.runs++;
    if (outcomes[i] === 'hang') c.hangs++;
    if (outcomes[i] === 'crash') c.crashes++;
  });
  return grid;
}
