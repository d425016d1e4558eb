/**
 * The explorer at the sizes a reviewer asks for (issue 10 §1–3, "Figures"):
 * fixed WORKERS 4 -> 0 with 3 queries, the 160-configuration grid, raw
 * states/s without reduction on the bounded default, heap per stored state,
 * and fixed WORKERS 5 -> 0 with 6 queries. Figures, never assertions; each
 * search is cut at a wall-clock cap so the bench always ends (a cut search
 * says "incomplete" and how far it got).
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import type { ExploreOptions, ExploreResult } from '../src/engine/explorer';
import { DEFAULT_BOUNDS, exploreBounds, type Bounds } from '../src/incidents/mod-11658/explore';
import { UNREDUCED } from '../src/engine/reductions';
import { expectedVerdict, gridBounds } from '../src/cli/exploreGrid';
import { timeCapped } from '../src/cli/progress';

const fmt = (n: number) => n.toLocaleString('en-US');

function line(label: string, r: ExploreResult, target: string): string {
  return (
    `  ${label.padEnd(34)} ${r.verdict.padEnd(18)} ${fmt(r.states).padStart(11)} states ${r.seconds.toFixed(2).padStart(7)} s ` +
    `${fmt(r.statesPerSecond).padStart(9)} states/s  (target: ${target})`
  );
}

/** A collectable heap: `--expose-gc` set at run time (the bench runs under tsx without flags). */
function collector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

/** Heap bytes per stored state near the end of a search of `b` (index, parents, moves, frontier worlds). */
function bytesPerState(b: Bounds, opts: ExploreOptions): { states: number; bytes: number } {
  const gc = collector();
  const total = exploreBounds(b, opts).states;
  const every = Math.max(1000, Math.floor(total / 1000) * 1000);
  gc();
  const before = process.memoryUsage().heapUsed;
  let at = { states: 0, heap: before };
  exploreBounds(b, {
    ...opts,
    progressEvery: every,
    onProgress: (p) => {
      gc();
      at = { states: p.states, heap: process.memoryUsage().heapUsed };
    },
  });
  return { states: at.states, bytes: at.states ? (at.heap - before) / at.states : NaN };
}

export function benchExploreScale(caps: { searchSeconds?: number; gridSeconds?: number } = {}): void {
  const cap = caps.searchSeconds ?? 20;
  const gridCap = caps.gridSeconds ?? 120;
  console.log(`Explorer at scale (each search cut after ${cap} s; measurements on a shared machine are noisy)`);
  const w4 = exploreBounds({ variant: 'fixed', workers: 4, target: 0, queries: 3, loadFraction: 1 }, timeCapped(cap));
  console.log(line('fixed WORKERS 4 -> 0, 3 queries', w4, 'under 1 s'));

  // The grid, reduced searches only, under one overall deadline.
  const started = performance.now();
  const deadline = started + gridCap * 1000;
  let done = 0;
  let complete = 0;
  let states = 0;
  const wrong: string[] = [];
  for (const b of gridBounds()) {
    if (performance.now() > deadline) break;
    const row = exploreBounds(b, { progressEvery: 2000, onProgress: () => performance.now() > deadline });
    done++;
    states += row.states;
    if (row.verdict !== 'incomplete') complete++;
    if (row.verdict !== 'incomplete' && row.verdict !== expectedVerdict(b))
      wrong.push(`${b.variant} ${b.workers}->${b.target} Q${b.queries} load ${b.loadFraction}: ${row.verdict}`);
  }
  const gridSeconds = (performance.now() - started) / 1000;
  console.log(
    `  grid: ${done} of 160 configurations run, ${complete} complete, ${fmt(states)} states, ${gridSeconds.toFixed(1)} s ` +
      `(cut at ${gridCap} s; target: all 160 under 60 s)${wrong.length ? `; verdicts against the model: ${wrong.join('; ')}` : ''}`,
  );

  const raw = exploreBounds({ ...DEFAULT_BOUNDS, variant: 'fixed' }, timeCapped(cap, UNREDUCED));
  console.log(line('raw, no reduction, fixed default', raw, 'at least 200,000 states/s'));
  const mem = bytesPerState({ ...DEFAULT_BOUNDS, variant: 'fixed' }, UNREDUCED);
  console.log(
    `  heap per stored state (fixed default, no reduction, at ${fmt(mem.states)} states): ${fmt(Math.round(mem.bytes))} bytes`,
  );

  const w5 = exploreBounds({ variant: 'fixed', workers: 5, target: 0, queries: 6, loadFraction: 1 }, timeCapped(cap));
  console.log(line('fixed WORKERS 5 -> 0, 6 queries', w5, 'under 10 s'));
}
