/**
 * `npm run sim -- explore [--incident ID] --variant V [bounds] [--json]`:
 * visits every interleaving of an incident's bounded scenario and says
 * whether a deadlock, a crash or an endless loop is reachable, with the
 * shortest schedule to it (and one turn of the loop), replayed as a run.
 */
import { coreOf } from '../incidents/cores';
import { DEFAULT_INCIDENT, infoOf } from '../incidents/registry';
import { incidentOf, num, oneOf, settingsHelp, settingValue, UsageError } from './options';
import type { Settings } from '../incidents/settings';
import { timeCapped } from './progress';

export function exploreUsage(incident: string): string {
  const info = infoOf(incident);
  return `Usage: npm run sim -- explore [--incident ID] --variant V [options]

Visits every interleaving of ${info.name}'s bounded scenario (untimed: any pending move may come next).

  --incident ID          the incident (default ${DEFAULT_INCIDENT})
  --variant V            ${info.variants.map((v) => v.id).join(', ')} (required)
${settingsHelp(info.exploreBounds).join('\n')}
  --max-states N         stop (verdict incomplete) after N states (default 2000000)
  --max-seconds S        stop (verdict incomplete) after S seconds (default: no limit)
  --json                 one JSON object`;
}

export function parseExplore(argv: readonly string[]) {
  const incident = incidentOf(argv);
  const info = infoOf(incident);
  let variant: string | null = null;
  const bounds: Settings = { ...info.exploreBounds.defaults };
  const byFlag = new Map(info.exploreBounds.list.map((f) => [`--${f.flag}`, f]));
  let json = false;
  let help = false;
  let maxStates = 2_000_000;
  let maxSeconds = Infinity;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const f = byFlag.get(arg);
    if (f) {
      bounds[f.key] = settingValue(arg, f, argv[++i]);
      continue;
    }
    switch (arg) {
      case '--incident':
        i++;
        break;
      case '--variant':
        variant = oneOf(
          arg,
          argv[++i],
          info.variants.map((x) => x.id),
        );
        break;
      case '--max-states':
        maxStates = num(arg, argv[++i], { min: 1, max: 50_000_000, integer: true });
        break;
      case '--max-seconds':
        maxSeconds = num(arg, argv[++i], { min: 0.1, max: 86_400, integer: false });
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
  return { incident, variant: variant ?? info.variants[0].id, bounds, json, maxStates, maxSeconds, help };
}

/** `onProgress` gets a line every 10 s of a long search (the CLI writes it to stderr). */
export function runExplore(argv: readonly string[], onProgress?: (line: string) => void): string {
  const o = parseExplore(argv);
  if (o.help) return exploreUsage(o.incident);
  const core = coreOf(o.incident);
  const info = infoOf(o.incident);
  const report =
    onProgress &&
    ((p: { states: number; seconds: number }) =>
      onProgress(
        `explore: ${p.states.toLocaleString('en-US')} states after ${p.seconds.toFixed(0)} s, still searching`,
      ));
  const r = core.explore(o.variant, o.bounds, timeCapped(o.maxSeconds, { maxStates: o.maxStates }, report));
  const schedule = r.counterexample && [...r.counterexample, ...(r.loop ?? [])];
  let replayed: string | null = null;
  if (schedule) {
    const s = core.exploreScenario(o.variant, o.bounds, schedule);
    const sim = core.createSimulation(s);
    sim.run({ until: s.until, maxSteps: schedule.length });
    replayed = core.report(sim).outcome;
  }
  const out = {
    incident: o.incident,
    variant: o.variant,
    ...o.bounds,
    verdict: r.verdict,
    states: r.states,
    transitions: r.transitions,
    statesPerSecond: r.statesPerSecond,
    seconds: +r.seconds.toFixed(3),
    counterexample: r.counterexample && {
      schedule: r.counterexample,
      loop: r.loop ?? null,
      cycle: r.cycle,
      explanation: r.explanation,
      replayedOutcome: replayed,
    },
  };
  if (o.json) return JSON.stringify(out, null, 2);
  const lines = [
    `Lockstep explore \u00b7 ${info.name} \u00b7 variant ${o.variant} \u00b7 ${info.exploreBounds.list
      .filter((f) => o.bounds[f.key] !== null && o.bounds[f.key] !== undefined)
      .map((f) => `${f.label} ${o.bounds[f.key]}`)
      .join(' \u00b7 ')}`,
    `Verdict: ${r.verdict} (${r.states.toLocaleString('en-US')} states, ${r.transitions.toLocaleString('en-US')} transitions, ${r.seconds.toFixed(2)} s, ${r.statesPerSecond.toLocaleString('en-US')} states/s)`,
  ];
  if (r.counterexample) {
    lines.push(`Shortest schedule (${r.counterexample.length} steps):`);
    r.counterexample.forEach((k, i) => lines.push(`  ${String(i).padStart(3)}  ${k}`));
    if (r.loop?.length) {
      lines.push(`Then forever (${r.loop.length} steps a turn):`);
      r.loop.forEach((k: string, i: number) =>
        lines.push(`  ${String(r.counterexample!.length + i).padStart(3)}  ${k}`),
      );
    }
    if (r.explanation) lines.push(r.explanation);
    lines.push(`Replayed as a run: ${replayed}`);
  }
  return lines.join('\n');
}
