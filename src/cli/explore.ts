/**
 * `npm run sim -- explore --variant V [--workers N --target M --queries Q --load-fraction F] [--json]`:
 * visits every interleaving of a bounded scenario and says whether a deadlock
 * or a crash is reachable, with the shortest schedule to it.
 */
import { BOUNDS } from '../incidents/mod-11658/config';
import { DEFAULT_BOUNDS, exploreBounds, replay, type Bounds } from '../incidents/mod-11658/explore';
import { VARIANT_INFO } from '../incidents/mod-11658/variants';
import { num, oneOf, UsageError } from './options';

export const EXPLORE_USAGE = `Usage: npm run sim -- explore --variant V [options]

Visits every interleaving of a bounded scenario (untimed: any pending move may come next):
WORKERS N, Q queries in flight (one per client), and CONFIG SET WORKERS M arriving at any point.

  --variant V            ${VARIANT_INFO.map((v) => v.id).join(', ')} (required)
  --workers N            initial WORKERS, 1..8 (default ${DEFAULT_BOUNDS.workers})
  --target M             the WORKERS value set, 0..16 (default ${DEFAULT_BOUNDS.target})
  --queries Q            queries in flight, 0..6 (default ${DEFAULT_BOUNDS.queries})
  --load-fraction F      share of queries that LOAD, 0..1 (default ${DEFAULT_BOUNDS.loadFraction})
  --max-states N         stop (verdict incomplete) after N states (default 2000000)
  --json                 one JSON object`;

export function parseExplore(argv: readonly string[]): {
  bounds: Bounds;
  json: boolean;
  maxStates: number;
  help: boolean;
} {
  let variant: string | null = null;
  const b = { ...DEFAULT_BOUNDS };
  let json = false;
  let help = false;
  let maxStates = 2_000_000;
  const int = (name: string, raw: string | undefined, min: number, max: number) =>
    num(name, raw, { min, max, integer: true });
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    switch (arg) {
      case '--variant':
        variant = oneOf(
          arg,
          argv[++i],
          VARIANT_INFO.map((x) => x.id),
        );
        break;
      case '--workers':
        b.workers = int(arg, argv[++i], 1, 8);
        break;
      case '--target':
        b.target = int(arg, argv[++i], 0, BOUNDS.workers.max);
        break;
      case '--queries':
        b.queries = int(arg, argv[++i], 0, 6);
        break;
      case '--max-states':
        maxStates = int(arg, argv[++i], 1, 50_000_000);
        break;
      case '--load-fraction':
        b.loadFraction = num(arg, argv[++i], BOUNDS.loadFraction);
        break;
      case '--json':
        json = true;
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      default:
        throw new UsageError(`unknown explore option '${arg}' (see explore --help)`);
    }
  }
  if (!variant && !help) throw new UsageError('explore needs --variant (see explore --help)');
  return { bounds: { ...b, variant: variant ?? 'prefix' }, json, maxStates, help };
}

export function runExplore(argv: readonly string[]): string {
  const o = parseExplore(argv);
  if (o.help) return EXPLORE_USAGE;
  const r = exploreBounds(o.bounds, { maxStates: o.maxStates });
  const replayed = r.counterexample ? replay(o.bounds, r.counterexample).report : null;
  const out = {
    ...o.bounds,
    verdict: r.verdict,
    states: r.states,
    transitions: r.transitions,
    statesPerSecond: r.statesPerSecond,
    seconds: +r.seconds.toFixed(3),
    counterexample: r.counterexample && {
      schedule: r.counterexample,
      cycle: r.cycle,
      explanation: r.explanation,
      replayedOutcome: replayed?.outcome ?? null,
    },
  };
  if (o.json) return JSON.stringify(out, null, 2);
  const b = o.bounds;
  const lines = [
    `Lockstep explore \u00b7 MOD-11658 \u00b7 variant ${b.variant} \u00b7 WORKERS ${b.workers} -> ${b.target} \u00b7 ${b.queries} queries \u00b7 load fraction ${b.loadFraction}`,
    `Verdict: ${r.verdict} (${r.states.toLocaleString('en-US')} states, ${r.transitions.toLocaleString('en-US')} transitions, ${r.seconds.toFixed(2)} s, ${r.statesPerSecond.toLocaleString('en-US')} states/s)`,
  ];
  if (r.counterexample) {
    lines.push(`Shortest schedule (${r.counterexample.length} steps):`);
    r.counterexample.forEach((k, i) => lines.push(`  ${String(i).padStart(3)}  ${k}`));
    if (r.explanation) lines.push(r.explanation);
    lines.push(`Replayed as a run: ${replayed?.outcome}`);
  }
  return lines.join('\n');
}
