/**
 * MOD-11658's heavy face: a generic scenario turned into this incident's
 * config and simulation, its report, the state at a step and its explorer.
 * Loaded by the workers, the CLI and the benchmark; never by the page itself.
 */
import type { IncidentCore, RunReport as GenericReport, Scenario as GenericScenario } from '../module';
import type { Settings } from '../settings';
import { withConfig } from '../scenario';
import { CLOCKS, DEFAULT_CONFIG, DEFAULT_COSTS, type ClockPreset, type Mod11658Config } from './config';
import { parseKill } from '../redis/signals';
import { createSimulation, type Scenario } from './scenario';
import { report, type RunReport } from './report';
import { loadSeries, logLines, stateAt } from './view';
import { boundedScenario, exploreBounds, type Bounds } from './explore';
import { VARIANTS } from './variants';
import { moment } from './moment';
import { judgeClaims } from './claims';
import type { BuildId } from './builds';
import type { LogLevel } from '../../engine/types';
import { formatMs } from '../../engine/duration';

type Sim = ReturnType<typeof createSimulation>;

export function toConfig(s: Settings, commands: Mod11658Config['commands']): Mod11658Config {
  return {
    ...DEFAULT_CONFIG,
    workers: s.workers as number,
    clients: s.clients as number,
    shards: s.shards as number,
    loadFraction: s.loadFraction as number,
    aggregateFraction: s.aggregateFraction as number,
    queries: s.queries as number | null,
    coordThreads: s.coordThreads as number,
    pingIntervalMs: s.pingIntervalMs as number,
    ping: s.ping as boolean,
    queryPick: s.mix as Mod11658Config['queryPick'],
    clock: s.clock as ClockPreset,
    build: s.build as BuildId,
    loadStartMs: s.loadStartMs as number,
    pingTimeoutMs: s.pingTimeoutMs as number | null,
    loglevel: s.loglevel as LogLevel,
    commands,
    costs: { ...DEFAULT_COSTS, think: s.think as number },
  };
}

export const toScenario = (s: GenericScenario): Scenario => withConfig(s, toConfig(s.settings, s.commands));

const bounds = (variant: string, b: Settings): Bounds => ({
  variant,
  workers: b.workers as number,
  target: b.target as number,
  queries: b.queries as number,
  loadFraction: b.loadFraction as number,
  then: (b.then as number | null | undefined) ?? null,
});

/** At most this many starved waits are named in the summary (the JSON has them all). */
const STARVED_SHOWN = 4;

function summarize(r: GenericReport): string[] {
  const rep = r as RunReport;
  const st = rep.stats;
  const p = st.ping;
  const timeouts = p.timedOut
    ? `, ${p.timedOut} timed out${p.unansweredSinceMs !== null ? `: none answered since ${formatMs(p.unansweredSinceMs)}` : ''}`
    : '';
  const ping =
    timeouts + (p.pendingSinceMs !== null ? `, one PING unanswered since ${formatMs(p.pendingSinceMs)}` : '');
  const lines = [
    `Queries: ${st.sent} sent, ${st.completed} completed, ${st.pending} pending \u00b7 PING: ${st.ping.completed}/${st.ping.sent} answered${ping}`,
  ];
  if (rep.ended && rep.outcome !== 'crash') {
    const hungFor = rep.deadlockAt !== null ? `, ${formatMs(rep.ended.at - rep.deadlockAt)} after the hang` : '';
    lines.push(`Ended: ${rep.ended.message} at ${formatMs(rep.ended.at)} (${rep.ended.wallClock})${hungFor}`);
  }
  const starved = rep.starved ?? [];
  if (starved.length) {
    const threads = new Set(starved.map((s) => s.thread)).size;
    const named = starved
      .slice(0, STARVED_SHOWN)
      .map(
        (s) => `${s.thread} from ${formatMs(s.from)} for ${formatMs(s.waitedMs)}${s.ongoing ? ' (still waiting)' : ''}`,
      );
    const more = starved.length > STARVED_SHOWN ? `; ${starved.length - STARVED_SHOWN} more waits` : '';
    lines.push(
      `Starvation: ${threads} thread${threads === 1 ? '' : 's'} waited longer than ${formatMs(rep.starvationMs)} for the GIL: ${named.join('; ')}${more}`,
    );
  }
  return lines;
}

export const core: IncidentCore = {
  id: 'mod-11658',
  createSimulation: (s) => createSimulation(toScenario(s)) as never,
  report: (sim) => report(sim as unknown as Sim),
  logLines: (sim) => logLines(sim as unknown as Sim),
  loadSeries: (sim) => loadSeries(sim as unknown as Sim),
  stateAt: (sim) => stateAt(sim as unknown as Sim),
  settleMs: (variant) => VARIANTS[variant]?.settleMs ?? 0,
  explore: (variant, b, opts) => exploreBounds(bounds(variant, b), opts),
  exploreScenario(variant, b, schedule) {
    const s = boundedScenario(bounds(variant, b));
    const c = s.config;
    return {
      incident: 'mod-11658',
      variant,
      seed: s.seed,
      until: s.until,
      untimed: true,
      settings: {
        workers: c.workers,
        clients: c.clients,
        shards: c.shards,
        loadFraction: c.loadFraction,
        aggregateFraction: c.aggregateFraction,
        queries: c.queries,
        coordThreads: c.coordThreads,
        pingIntervalMs: c.pingIntervalMs,
        ping: c.ping,
        mix: c.queryPick,
        clock: c.clock,
        build: c.build,
        loadStartMs: c.loadStartMs,
        pingTimeoutMs: c.pingTimeoutMs,
        loglevel: c.loglevel,
        think: c.costs.think,
      },
      commands: c.commands,
      choices: schedule ? Object.fromEntries(schedule.map((k, i) => [i, k])) : undefined,
      maxSteps: schedule?.length,
    };
  },
  summarize,
  moment: (sim) => moment(sim as unknown as Sim),
  endsProcess: (text) => parseKill(text, CLOCKS['regression-test'].pid)?.ok === true,
  claims: (progress) => judgeClaims(core, progress),
  unsettled(sim, variant) {
    if (sim.verdict || sim.crash || sim.metaOf('main')?.span !== 'spinning') return null;
    const [fn, caller] = sim.incident.stack(sim.view, 'main');
    const settle = VARIANTS[variant]?.settleMs ?? 0;
    return (
      `main is still spinning in ${fn}${caller ? ` (${caller})` : ''}` +
      (settle ? `; this variant's timeout fires ${formatMs(settle)} after the command` : '')
    );
  },
};
