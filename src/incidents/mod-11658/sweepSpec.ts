/** The race-window sweep's shape (no imports: the page builds specs without pulling in the simulation). */
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

export interface Job {
  at: number;
  load: number;
  seed: number;
}

export type Outcome = 'hang' | 'crash' | 'ok';

export interface Cell {
  runs: number;
  hangs: number;
  crashes: number;
}

export function jobs(spec: SweepSpec): Job[] {
  const out: Job[] = [];
  spec.at.forEach((_, a) =>
    spec.loads.forEach((__, l) => {
      for (let seed = 1; seed <= spec.seeds; seed++) out.push({ at: a, load: l, seed });
    }),
  );
  return out;
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
