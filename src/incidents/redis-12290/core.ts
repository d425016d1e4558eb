/**
 * Redis #12290's heavy face: a generic scenario turned into this incident's
 * config and simulation, its report, the state at a step (with the list of
 * blocked clients as the walk goes) and its explorer.
 */
import type { IncidentCore, RunReport as GenericReport, Scenario as GenericScenario, StateAt } from '../module';
import type { Settings } from '../settings';
import { withConfig } from '../scenario';
import { formatMs } from '../../engine/duration';
import { CLOCKS, toConfig } from './config';
import { parseKill } from '../redis/signals';
import { createSimulation, type Redis12290Sim, type Scenario } from './scenario';
import { commandReplies, report, type RunReport } from './report';
import { loadSeries, logLines, structures } from './view';
import { boundedScenario, exploreBounds, type Bounds } from './explore';
import { SETTINGS } from './settings';
import { genericStateAt } from '../stateAt';

type Sim = Redis12290Sim;

export const toScenario = (s: GenericScenario): Scenario => withConfig(s, toConfig(s.settings, s.commands));

const bounds = (variant: string, b: Settings): Bounds => ({
  variant,
  subscribers: b.subscribers as number,
  serve: b.serve as boolean,
  xadds: b.xadds as number,
});

function summarize(r: GenericReport): string[] {
  const st = (r as RunReport).stats;
  const lines = st.subscribers.map(
    (x) =>
      `  ${x.id}: ${x.reads} XREADGROUP sent, ${x.entries} entries received, ${x.nils} nil` +
      (x.waitingSinceMs !== null ? `, waiting since ${formatMs(x.waitingSinceMs)}` : ''),
  );
  const f = st.feeder;
  const ping = st.ping.pendingSinceMs !== null ? `, one PING unanswered since ${formatMs(st.ping.pendingSinceMs)}` : '';
  return [
    'Subscribers',
    ...lines,
    `Feeder: ${f.sent} XADD sent, ${f.replies} answered` +
      (f.pendingSinceMs !== null ? `, one waiting since ${formatMs(f.pendingSinceMs)}` : ''),
    `PING: ${st.ping.completed}/${st.ping.sent} answered${ping}`,
    ...(st.newClient
      ? [
          `New client at ${formatMs(st.newClient.connectAt ?? 0)}: ${st.newClient.accepted ? 'accepted' : 'never accepted'}, ${st.newClient.replied ? 'answered' : 'no reply'}`,
        ]
      : []),
  ];
}

export const core: IncidentCore = {
  id: 'redis-12290',
  createSimulation: (s) => createSimulation(toScenario(s)) as never,
  report: (sim) => report(sim as unknown as Sim),
  logLines: (sim) => logLines(sim as unknown as Sim),
  loadSeries: (sim) => loadSeries(sim as unknown as Sim),
  stateAt: (sim): StateAt => ({
    ...genericStateAt(sim, { server: (id) => id === 'main', replies: commandReplies(sim as unknown as Sim) }),
    structures: structures(sim as unknown as Sim),
  }),
  // No variant waits on a timeout of its own.
  settleMs: () => 0,
  explore: (variant, b, opts) => exploreBounds(bounds(variant, b), opts),
  exploreScenario(variant, b, schedule) {
    const c = boundedScenario(bounds(variant, b)).config;
    return {
      incident: 'redis-12290',
      variant,
      seed: 1,
      until: Infinity,
      untimed: true,
      settings: {
        ...SETTINGS.defaults,
        subscribers: c.subscribers,
        serve: c.serve,
        xadds: c.xadds,
        reads: c.reads,
        blockMs: c.blockMs,
        groupAtStart: c.groupAtStart,
        connect: c.connect,
        ping: c.ping,
        connectAtMs: c.connectAtMs,
      },
      commands: [],
      choices: schedule ? Object.fromEntries(schedule.map((k, i) => [i, k])) : undefined,
      maxSteps: schedule?.length,
    };
  },
  summarize,
  endsProcess: (text) => parseKill(text, CLOCKS.issue.pid)?.ok === true,
};
