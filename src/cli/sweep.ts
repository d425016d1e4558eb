/**
 * `npm run sim -- sweep [--variant V --seeds N --at 6,8,10 --clients 10,20 --load-fractions 0.25,1 --aggregate-fractions 0.2 --shards 1]`:
 * the race window as a table of hang counts, runs spread over every core.
 */
import os from 'node:os';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';
import {
  cells,
  deal,
  DEFAULT_SWEEP,
  jobs,
  loadGrid,
  loadLabels,
  runCount,
  undeal,
  type Outcome,
  type SweepSpec,
} from '../incidents/mod-11658/sweep';
import { VARIANT_INFO } from '../incidents/mod-11658/variants';
import { DEFAULT_CONFIG } from '../incidents/mod-11658/config';
import { num, oneOf, UsageError } from './options';

const list = (name: string, raw: string | undefined, b: { min: number; max: number; integer: boolean }) =>
  (raw ?? '').split(',').map((x) => num(name, x.trim(), b));

export function parseSweep(argv: readonly string[]): { spec: SweepSpec; json: boolean } {
  const spec: SweepSpec = { ...DEFAULT_SWEEP };
  let clients = [10, 20];
  let fractions = [0.25, 0.5, 1];
  let aggregates = [DEFAULT_CONFIG.aggregateFraction];
  let shards = [1];
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const v = () => argv[++i];
    switch (arg) {
      case '--variant':
        spec.variant = oneOf(
          arg,
          v(),
          VARIANT_INFO.map((x) => x.id),
        );
        break;
      case '--seeds':
        spec.seeds = num(arg, v(), { min: 1, max: 100_000, integer: true });
        break;
      case '--workers':
        spec.workers = num(arg, v(), { min: 1, max: 16, integer: true });
        break;
      case '--target':
        spec.target = num(arg, v(), { min: 0, max: 16, integer: true });
        break;
      case '--at':
        spec.at = list(arg, v(), { min: 0, max: 60_000, integer: false });
        break;
      case '--clients':
        clients = list(arg, v(), { min: 1, max: 500, integer: true });
        break;
      case '--load-fractions':
        fractions = list(arg, v(), { min: 0, max: 1, integer: false });
        break;
      case '--aggregate-fractions':
        aggregates = list(arg, v(), { min: 0, max: 1, integer: false });
        break;
      case '--shards':
        shards = list(arg, v(), { min: 1, max: 16, integer: true });
        break;
      case '--json':
        json = true;
        break;
      default:
        throw new UsageError(`unknown sweep option '${arg}'`);
    }
  }
  spec.loads = loadGrid({ clients, loadFractions: fractions, aggregateFractions: aggregates, shards });
  return { spec, json };
}

/**
 * The worker, bundled once per sweep into plain JavaScript: Node then runs it
 * without a TypeScript loader (about 30% faster per run than under tsx).
 */
function bundleWorker(): string {
  const outfile = join(mkdtempSync(join(os.tmpdir(), 'lockstep-sweep-')), 'worker.mjs');
  buildSync({
    entryPoints: [fileURLToPath(new URL('./sweepWorker.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

/** Runs every job of `spec` over `threads` processes; outcomes in job order. */
export async function sweep(spec: SweepSpec, threads = os.cpus().length): Promise<Outcome[][]> {
  const worker = bundleWorker();
  try {
    return await sweepWith(worker, spec, threads);
  } finally {
    rmSync(dirname(worker), { recursive: true, force: true });
  }
}

async function sweepWith(worker: string, spec: SweepSpec, threads: number): Promise<Outcome[][]> {
  const parts = deal(jobs(spec), threads);
  const results = await Promise.all(
    parts.map(
      (part) =>
        new Promise<Outcome[][]>((resolve, reject) => {
          // One process per core.
          const w = fork(worker, []);
          w.send({ spec, jobs: part });
          w.once('message', (m) => resolve(m as Outcome[][]));
          w.once('error', reject);
        }),
    ),
  );
  return undeal(results);
}

export async function runSweep(argv: readonly string[]): Promise<string> {
  const { spec, json } = parseSweep(argv);
  const start = performance.now();
  const outcomes = await sweep(spec);
  const seconds = (performance.now() - start) / 1000;
  const grid = cells(spec, jobs(spec), outcomes);
  const runs = runCount(spec);
  if (json) return JSON.stringify({ spec, runs, seconds: +seconds.toFixed(3), cells: grid }, null, 2);
  const cell = (c: { runs: number; hangs: number; crashes: number }) =>
    `${c.hangs}${c.crashes ? `+${c.crashes}x` : ''}/${c.runs}`;
  const header = ['inject at', ...loadLabels(spec.loads, true)];
  const rows = spec.at.map((at, a) => [`${at} ms`, ...grid[a].map(cell)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) => r.map((x, i) => x.padStart(widths[i])).join('  ');
  return [
    `Lockstep sweep \u00b7 ${spec.variant} \u00b7 WORKERS ${spec.workers} -> ${spec.target} \u00b7 ${spec.seeds} seeds per cell \u00b7 hangs/runs (c clients, L share that LOAD, A share of FT.AGGREGATE, sh shards; x crashes)`,
    fmt(header),
    ...rows.map(fmt),
    `${runs} runs in ${seconds.toFixed(2)} s on ${os.cpus().length} cores (${Math.round(runs / seconds)} runs/s)`,
  ].join('\n');
}
