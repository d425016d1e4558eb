/**
 * What a finished (or paused) run amounts to, in the runner's JSON shape:
 * outcome, when the cycle closed, the cycle and its explanation, each
 * operator command with its reply (or null), the Redis log, the final call
 * stacks, and the load's statistics.
 */
import type { Simulation } from '../../engine/simulation';
import { CLOCKS, type Mod11658Config } from './config';
import type { Mod11658Shared } from './index';
import { formatLogLine, visibleAt, wallClock } from '../redis/log';
import { commandReplies as sharedReplies } from '../redis/replies';
import type { CommandReply, Outcome, RunReport as GenericReport } from '../module';

export type { CommandReply };

export interface RunReport extends GenericReport {
  incident: string;
  variant: string;
  seed: number;
  outcome: Outcome;
  deadlockAt: number | null;
  /** When the process crashed (e.g. a use-after-free), or null. */
  crashAt: number | null;
  deadlockWallClock: string | null;
  cycle: string[];
  explanation: string;
  replies: CommandReply[];
  log: string[];
  stacks: Record<string, string[]>;
  stats: {
    sent: number;
    completed: number;
    pending: number;
    ping: { sent: number; completed: number; pendingSinceMs: number | null };
  };
  steps: number;
  virtualTimeMs: number;
}

type Sim = Simulation<Mod11658Config, Mod11658Shared>;

/** Redis's own threads, whose stacks a crash report would show. */
export const isServerThread = (id: string) =>
  id === 'main' || id.startsWith('workers-') || id.startsWith('search-uv-') || id.startsWith('coord-');

export const commandReplies = (sim: Sim): CommandReply[] => sharedReplies(sim.trace.notes);

export function loadStats(sim: Sim): RunReport['stats'] {
  let sent = 0;
  let completed = 0;
  let pingSent = 0;
  let pingDone = 0;
  let lastPingSent = 0;
  for (const n of sim.trace.notes) {
    const client = (n.data as { client?: string }).client;
    if (n.kind === 'sent') {
      if (client === 'ping') {
        pingSent++;
        lastPingSent = n.t;
      } else sent++;
    } else if (n.kind === 'completed') {
      if (client === 'ping') pingDone++;
      else if (client !== 'redis-cli') completed++;
    }
  }
  return {
    sent,
    completed,
    pending: sent - completed,
    ping: { sent: pingSent, completed: pingDone, pendingSinceMs: pingSent > pingDone ? lastPingSent : null },
  };
}

export function redisLog(sim: Sim): string[] {
  const cfg = sim.inputs.config;
  const clock = CLOCKS[cfg.clock];
  return sim.trace.log.filter((r) => visibleAt(cfg.loglevel, r.level)).map((r) => formatLogLine(clock, r));
}

export function report(sim: Sim): RunReport {
  const v = sim.verdict;
  const stacks: Record<string, string[]> = {};
  for (const a of sim.actors())
    if (a.role === 'thread' && isServerThread(a.id)) stacks[a.id] = sim.incident.stack(sim.view, a.id);
  return {
    incident: sim.incident.id,
    variant: sim.inputs.variant,
    seed: sim.inputs.seed,
    outcome: v ? v.outcome : sim.crash ? 'crash' : 'ok',
    deadlockAt: v?.outcome === 'deadlock' ? v.at : null,
    livelockAt: v?.outcome === 'livelock' ? v.at : null,
    crashAt: sim.crash ? sim.crash.at : null,
    deadlockWallClock: v ? wallClock(CLOCKS[sim.inputs.config.clock], v.at) : null,
    cycle: v ? v.cycle : [],
    explanation: v
      ? v.explanation
      : sim.crash
        ? `The server crashed: ${sim.crash.message}.`
        : 'No wait-for cycle formed: every thread could still move.',
    replies: commandReplies(sim),
    log: redisLog(sim),
    stacks,
    stats: loadStats(sim),
    steps: sim.step,
    virtualTimeMs: sim.t,
  };
}
