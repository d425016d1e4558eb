/**
 * The race-window sweep's shape, for any incident (no imports beyond types:
 * the page builds specs without pulling in the simulation). A sweep runs
 * many seeds x the moment one command is sent x the load, where a load is
 * a combination of values of the incident's own settings.
 */
import type { Scenario } from './module';
import type { Settings, SettingValue } from './settings';

/** One swept setting and its values, as the incident describes it. */
export interface SweepDim {
  key: string;
  /** The field's label on the page. */
  label: string;
  /** Narrower bounds than the setting's, for a sweep (runs multiply). */
  min?: number;
  max?: number;
  /** Words after a value ("clients", "LOAD") and the terminal's short form ("c", "L"). */
  long: string;
  short: string;
  /** Always named in a column header (otherwise only when it varies). */
  always?: boolean;
  values: SettingValue[];
}

export interface SweepSpec {
  incident: string;
  variant: string;
  seeds: number;
  /** Injection moments, virtual ms. */
  at: number[];
  /** What redis-cli sends at each moment. */
  command: string;
  /** The settings every run shares (complete). */
  base: Settings;
  /** Per load, the values of the swept settings. */
  loads: Settings[];
  /** How long each run goes on after its command: a hang forms (or not) within it. */
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

/** Every combination of the dimensions' values, the first dimension outermost. */
export function loadGrid(dims: readonly Pick<SweepDim, 'key' | 'values'>[]): Settings[] {
  return dims.reduce<Settings[]>((acc, d) => acc.flatMap((l) => d.values.map((v) => ({ ...l, [d.key]: v }))), [{}]);
}

/** Column headers for `loads`: the dimensions marked `always`, and the others when they vary. */
export function loadLabels(loads: readonly Settings[], dims: readonly SweepDim[], short: boolean): string[] {
  const shown = dims.filter((d) => d.always || new Set(loads.map((l) => l[d.key])).size > 1);
  // Headers read innermost dimension first (the one that changes from column to column).
  const order = [...shown].reverse();
  return loads.map((l) =>
    order.map((d) => (short ? `${l[d.key]}${d.short}` : `${l[d.key]} ${d.long}`)).join(short ? ' ' : ', '),
  );
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

/** The scenario of one run of the sweep: `job` with the command at `at` (none when null). */
export function sweepScenario(spec: SweepSpec, job: Job, at: number | null): Scenario {
  return {
    incident: spec.incident,
    variant: spec.variant,
    seed: job.seed,
    until: at === null ? Infinity : at + spec.windowMs,
    record: false,
    settings: { ...spec.base, ...spec.loads[job.load] },
    commands: at === null ? [] : [{ at, text: spec.command }],
  };
}
