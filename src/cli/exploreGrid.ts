/**
 * `npm run sim -- explore-grid [--json] [--max-states N] [--max-seconds S]
 * [--compare]`: the grid a reviewer runs on MOD-11658 (issue 10 §3): prefix
 * and fixed, WORKERS N = 1..4 -> M = 0..N-1, Q = 0..3 queries, LOAD 1 and 0,
 * the command at any point; 160 explorations, each checked against the
 * model's conditions and its counterexample replayed. Rows print as they
 * finish (the whole grid takes minutes); `--max-seconds` cuts each search.
 * `--compare` also explores each one without symmetry reduction, for the
 * reduction factor.
 */
import type { ExploreOptions, ExploreResult } from '../engine/explorer';
import { coreOf } from '../incidents/cores';
import { num, UsageError } from './options';
import { timeCapped } from './progress';

/** One grid configuration (MOD-11658's explore settings, one command: reached through the registry, so restated). */
export interface Bounds {
  variant: string;
  workers: number;
  target: number;
  queries: number;
  loadFraction: number;
}

const core = () => coreOf('mod-11658');
const settings = (b: Bounds) => ({
  workers: b.workers,
  target: b.target,
  queries: b.queries,
  loadFraction: b.loadFraction,
});
const exploreBounds = (b: Bounds, opts: ExploreOptions) => core().explore(b.variant, settings(b), opts);

/** The outcome of a counterexample replayed as a run (its trace and report). */
function replayed(b: Bounds, schedule: readonly string[]): string {
  const s = core().exploreScenario(b.variant, settings(b), schedule);
  const sim = core().createSimulation(s);
  sim.run({ until: s.until, maxSteps: schedule.length });
  return core().report(sim).outcome;
}

export const GRID_VARIANTS = ['prefix', 'fixed'] as const;

/** The 160 configurations, in print order. */
export function gridBounds(): Bounds[] {
  const out: Bounds[] = [];
  for (const variant of GRID_VARIANTS)
    for (let workers = 1; workers <= 4; workers++)
      for (let target = 0; target < workers; target++)
        for (let queries = 0; queries <= 3; queries++)
          for (const loadFraction of [1, 0]) out.push({ variant, workers, target, queries, loadFraction });
  return out;
}

/**
 * The model's conditions (§5): the pre-fix code hangs iff queries load
 * (take the GIL) and more than M workers can be stuck on it, i.e. Q > M
 * (each query holds one worker, and M < N); the fix never hangs.
 */
export function expectedVerdict(b: Bounds): 'deadlock-reachable' | 'safe' {
  return b.variant === 'prefix' && b.loadFraction > 0 && b.queries > b.target ? 'deadlock-reachable' : 'safe';
}

export interface GridRow {
  bounds: Bounds;
  verdict: ExploreResult['verdict'];
  states: number;
  seconds: number;
  /** Without symmetry reduction (with --compare). */
  unreduced: { verdict: ExploreResult['verdict']; states: number; seconds: number } | null;
  /** What disagrees with the model, or with the unreduced search; null when all agree. */
  mismatch: string | null;
}

export function gridRow(b: Bounds, maxStates: number, compare: boolean, maxSeconds = Infinity): GridRow {
  const r = exploreBounds(b, timeCapped(maxSeconds, { maxStates }));
  const u = compare ? exploreBounds(b, timeCapped(maxSeconds, { maxStates, symmetry: false })) : null;
  const problems: string[] = [];
  const expected = expectedVerdict(b);
  if (r.verdict !== 'incomplete' && r.verdict !== expected) problems.push(`expected ${expected}`);
  if (r.counterexample) {
    const outcome = replayed(b, r.counterexample);
    if (outcome !== 'deadlock' && outcome !== 'crash') problems.push(`counterexample replays to ${outcome}`);
  }
  if (u && u.verdict !== 'incomplete' && r.verdict !== 'incomplete') {
    if (u.verdict !== r.verdict) problems.push(`unreduced says ${u.verdict}`);
    else if ((u.counterexample?.length ?? 0) !== (r.counterexample?.length ?? 0))
      problems.push(`unreduced counterexample ${u.counterexample!.length} steps, reduced ${r.counterexample!.length}`);
  }
  return {
    bounds: b,
    verdict: r.verdict,
    states: r.states,
    seconds: r.seconds,
    unreduced: u && { verdict: u.verdict, states: u.states, seconds: u.seconds },
    mismatch: problems.length ? problems.join('; ') : null,
  };
}

export interface GridTotals {
  configurations: number;
  states: number;
  seconds: number;
  incomplete: number;
  mismatches: number;
  unreducedStates: number | null;
  unreducedSeconds: number | null;
}

export function gridTotals(rows: readonly GridRow[]): GridTotals {
  const sum = (f: (r: GridRow) => number) => rows.reduce((a, r) => a + f(r), 0);
  const compared = rows.every((r) => r.unreduced);
  return {
    configurations: rows.length,
    states: sum((r) => r.states),
    seconds: sum((r) => r.seconds),
    incomplete: rows.filter((r) => r.verdict === 'incomplete').length,
    mismatches: rows.filter((r) => r.mismatch).length,
    unreducedStates: compared ? sum((r) => r.unreduced!.states) : null,
    unreducedSeconds: compared ? sum((r) => r.unreduced!.seconds) : null,
  };
}

/** The reduction factor, when both searches finished. */
export function reduction(r: GridRow): number | null {
  if (!r.unreduced || r.unreduced.verdict === 'incomplete' || r.verdict === 'incomplete') return null;
  return r.unreduced.states / r.states;
}

const n = (x: number) => x.toLocaleString('en-US');

export function formatRow(r: GridRow): string {
  const b = r.bounds;
  const red = reduction(r);
  return (
    `${b.variant.padEnd(7)} N ${b.workers} -> M ${b.target}  Q ${b.queries}  LOAD ${b.loadFraction}  ` +
    `${r.verdict.padEnd(18)} ${n(r.states).padStart(9)} states ${r.seconds.toFixed(2).padStart(6)} s` +
    (r.unreduced ? `  unreduced ${n(r.unreduced.states).padStart(9)}${red ? ` (x${red.toFixed(2)})` : ''}` : '') +
    (r.mismatch ? `  MISMATCH: ${r.mismatch}` : '')
  );
}

export const EXPLORE_GRID_USAGE = `Usage: npm run sim -- explore-grid [options]

Explores MOD-11658's 160 bounded configurations (prefix and fixed, WORKERS N = 1..4 -> M = 0..N-1,
Q = 0..3 queries, with and without LOAD) and checks each verdict against the model's conditions.
Rows print as each configuration finishes.

  --max-states N         stop a configuration (verdict incomplete) after N states (default 300000)
  --max-seconds S        stop a configuration (verdict incomplete) after S seconds (default: no limit)
  --compare              also explore each without symmetry reduction, for the reduction factor
  --json                 one JSON object at the end`;

/**
 * Runs the grid. `onLine` gets the header, then each row as it finishes (the
 * CLI prints them at once: the grid takes minutes); the returned text is
 * what is left to print: every row when there is no `onLine`, and the totals.
 */
export function runExploreGrid(argv: readonly string[], onLine?: (line: string) => void): string {
  let json = false;
  let compare = false;
  let maxStates = 300_000;
  let maxSeconds = Infinity;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') json = true;
    else if (arg === '--compare') compare = true;
    else if (arg === '--help' || arg === '-h') return EXPLORE_GRID_USAGE;
    else if (arg === '--max-states') maxStates = num(arg, argv[++i], { min: 1, max: 50_000_000, integer: true });
    else if (arg === '--max-seconds') maxSeconds = num(arg, argv[++i], { min: 0.1, max: 86_400, integer: false });
    else
      throw new UsageError(
        `unknown explore-grid option '${arg}' (options: --json, --max-states N, --max-seconds S, --compare)`,
      );
  }
  const stream = !json && onLine;
  const header =
    `Lockstep explore-grid \u00b7 MOD-11658 \u00b7 ${gridBounds().length} configurations \u00b7 at most ${n(maxStates)} states` +
    (Number.isFinite(maxSeconds) ? ` and ${maxSeconds} s` : '') +
    ' each';
  if (stream) onLine(header);
  const rows = gridBounds().map((b) => {
    const row = gridRow(b, maxStates, compare, maxSeconds);
    if (stream) onLine(formatRow(row));
    return row;
  });
  const totals = gridTotals(rows);
  if (json)
    return JSON.stringify(
      { maxStates, maxSeconds: Number.isFinite(maxSeconds) ? maxSeconds : null, rows, totals },
      null,
      2,
    );
  return [
    ...(stream ? [] : [header, ...rows.map(formatRow)]),
    `Totals: ${n(totals.states)} states in ${totals.seconds.toFixed(1)} s` +
      (totals.unreducedStates !== null
        ? ` (unreduced: ${n(totals.unreducedStates)} states in ${totals.unreducedSeconds!.toFixed(1)} s)`
        : '') +
      `; ${totals.incomplete} incomplete; ${totals.mismatches} mismatch${totals.mismatches === 1 ? '' : 'es'}`,
  ].join('\n');
}
