/**
 * What a finished (or paused) Redis #12290 run amounts to, in the runner's
 * JSON shape (as MOD-11658's RunReport): the outcome ('livelock' when the
 * main thread loops for ever), when it happened, the looping threads and the
 * explanation, each redis-cli command with its reply (or null), the Redis
 * log, main's call stack, and per-client statistics.
 */
import type { CommandReply, RunReport as GenericReport } from '../module';
import { commandReplies as sharedReplies } from '../redis/replies';
import { outcomeFields } from '../redis/outcome';

export type { CommandReply };
import type { Simulation } from '../../engine/simulation';
import type { Reply } from '../../machines/resp';
import { CLOCKS, type Redis12290Config } from './config';
import type { Redis12290Shared } from './index';
import { visibleAt } from '../redis/log';
import { formatLogLine } from './reply';

type Sim = Simulation<Redis12290Config, Redis12290Shared>;

export interface SubscriberStats {
  id: string;
  /** XREADGROUPs sent, entries received, nil replies (BLOCK timed out). */
  reads: number;
  entries: number;
  nils: number;
  /** Waiting for an XREADGROUP reply since (virtual ms), or null. */
  waitingSinceMs: number | null;
}

/** The generic report, with the wall clock of the hang and #12290's own statistics. */
export interface RunReport extends GenericReport {
  deadlockWallClock: string | null;
  stats: {
    subscribers: SubscriberStats[];
    feeder: { sent: number; replies: number; lastId: string | null; pendingSinceMs: number | null };
    ping: { sent: number; completed: number; pendingSinceMs: number | null };
    newClient: { connectAt: number | null; accepted: boolean; replied: boolean } | null;
  };
}

export const commandReplies = (sim: Sim): CommandReply[] => sharedReplies(sim.trace.notes);

export function clientStats(sim: Sim): RunReport['stats'] {
  const subs = new Map<string, SubscriberStats>();
  for (const a of sim.actors())
    if (a.kind === 'subscriber') subs.set(a.id, { id: a.id, reads: 0, entries: 0, nils: 0, waitingSinceMs: null });
  const feeder = { sent: 0, replies: 0, lastId: null as string | null, pendingSinceMs: null as number | null };
  const ping = { sent: 0, completed: 0, pendingSinceMs: null as number | null };
  let accepted = false;
  let replied = false;
  for (const n of sim.trace.notes) {
    const d = n.data as Record<string, unknown>;
    const client = d.client as string;
    const s = subs.get(client);
    if (n.kind === 'sent') {
      const text = d.text as string;
      if (s && text.startsWith('XREADGROUP')) {
        s.reads++;
        s.waitingSinceMs = n.t;
      } else if (client === 'feeder' && text.startsWith('XADD')) {
        feeder.sent++;
        feeder.pendingSinceMs = n.t;
      } else if (client === 'ping') {
        ping.sent++;
        ping.pendingSinceMs = n.t;
      }
    } else if (n.kind === 'received' && s) {
      s.entries += (d.entries as string[]).length;
      s.waitingSinceMs = null;
    } else if (n.kind === 'nil' && s) {
      s.nils++;
      s.waitingSinceMs = null;
    } else if (n.kind === 'xadded') {
      feeder.replies++;
      feeder.pendingSinceMs = null;
      const r = d.reply as Reply;
      if (r.kind === 'bulk') feeder.lastId = r.value;
      else if (r.kind === 'array' && r.items[0]?.kind === 'bulk') feeder.lastId = r.items[0].value;
    } else if (n.kind === 'completed' && client === 'ping') {
      ping.completed++;
      ping.pendingSinceMs = null;
    } else if (n.kind === 'completed' && client === 'newclient') replied = true;
    else if (n.kind === 'accepted' && client === 'newclient') accepted = true;
  }
  const cfg = sim.inputs.config;
  return {
    subscribers: [...subs.values()],
    feeder,
    ping,
    newClient: cfg.connectAtMs === null ? null : { connectAt: cfg.connectAtMs, accepted, replied },
  };
}

export function redisLog(sim: Sim): string[] {
  const cfg = sim.inputs.config;
  const clock = CLOCKS[cfg.clock];
  return sim.trace.log.filter((r) => visibleAt(cfg.loglevel, r.level)).map((r) => formatLogLine(clock, r));
}

export function report(sim: Sim): RunReport {
  return {
    incident: sim.incident.id,
    variant: sim.inputs.variant,
    seed: sim.inputs.seed,
    ...outcomeFields(
      sim as never,
      CLOCKS[sim.inputs.config.clock],
      'The event loop kept coming back to beforeSleep: every walk of blocking_keys ended.',
    ),
    replies: commandReplies(sim),
    log: redisLog(sim),
    stacks: { main: sim.incident.stack(sim.view, 'main') },
    stats: clientStats(sim),
    steps: sim.step,
    virtualTimeMs: sim.t,
  };
}
