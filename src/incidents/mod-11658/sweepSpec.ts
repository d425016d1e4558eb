/** The race-window sweep's shape (no imports: the page builds specs without pulling in the simulation). */
export interface Load {
  clients: number;
  /** Share of queries that LOAD document fields (need the GIL in a worker). */
  loadFraction: number;
  /** Share of queries that are FT.AGGREGATE (the rest FT.SEARCH). */
  aggregateFraction: number;
  shards: number;
}

/** Every combination of the listed values, shards outermost, clients innermost. */
export function loadGrid(g: {
  clients: number[];
  loadFractions: number[];
  aggregateFractions: number[];
  shards: number[];
}): Load[] {
  return g.shards.flatMap((shards) =>
    g.aggregateFractions.flatMap((aggregateFraction) =>
      g.loadFractions.flatMap((loadFraction) =>
        g.clients.map((clients) => ({ clients, loadFraction, aggregateFraction, shards })),
      ),
    ),
  );
}

/**
 * Column headers for `loads`: clients and the share that LOAD always, the
 * share of FT.AGGREGATE and the shards when they vary; `short` for a terminal.
 */
export function loadLabels(loads: readonly Load[], short: boolean): string[] {
  const varies = (f: (l: Load) => number) => new Set(loads.map(f)).size > 1;
  const aggregate = varies((l) => l.aggregateFraction);
  const shards = varies((l) => l.shards);
  return loads.map((l) => {
    const parts = short ? [`${l.clients}c`, `${l.loadFraction}L`] : [`${l.clients} clients`, `${l.loadFraction} LOAD`];
    if (aggregate) parts.push(short ? `${l.aggregateFraction}A` : `${l.aggregateFraction} AGGREGATE`);
    if (shards) parts.push(short ? `${l.shards}sh` : `${l.shards} shard${l.shards > 1 ? 's' : ''}`);
    return parts.join(short ? ' ' : ', ');
  });
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

/** One seed under one load, run for every injection moment of the spec. */
export interface Job {
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
  spec.loads.forEach((_, load) => {
    for (let seed = 1; seed <= spec.seeds; seed++) out.push({ load, seed });
  });
  return out;
}

/** How many runs a sweep makes: every job at every injection moment. */
export const runCount = (spec: SweepSpec) => spec.loads.length * spec.seeds * spec.at.length;

/** Cells [at][load] from the outcomes of `jobs(spec)` (one per injection moment each), in the same order. */
export function cells(spec: SweepSpec, js: readonly Job[], outcomes: readonly (readonly Outcome[])[]): Cell[][] {
  const grid = spec.at.map(() => spec.loads.map(() => ({ runs: 0, hangs: 0, crashes: 0 })));
  js.forEach((j, i) =>
    outcomes[i].forEach((o, a) => {
      const c = grid[a][j.load];
      c.runs++;
      if (o === 'hang') c.hangs++;
      if (o === 'crash') c.crashes++;
    }),
  );
  return grid;
}

/** Deals `js` to `n` workers in turn (loads cost differently: every worker gets its share of each). */
export function deal<T>(js: readonly T[], n: number): T[][] {
  const parts: T[][] = Array.from({ length: Math.min(n, js.length) }, () => []);
  js.forEach((j, i) => parts[i % parts.length].push(j));
  return parts;
}

/** Puts the results of `deal(js, n)`'s parts back in the order of `js`. */
export function undeal<R>(parts: readonly (readonly R[])[]): R[] {
  const out: R[] = [];
  const total = parts.reduce((n, p) => n + p.length, 0);
  for (let i = 0; i < total; i++) out.push(parts[i % parts.length][Math.floor(i / parts.length)]);
  return out;
}
