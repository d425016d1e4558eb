/**
 * What a finished (or paused) run amounts to, in the runner's JSON shape:
 * outcome, when the cycle closed, the cycle and its explanation, each
 * operator command with its reply (or null), the Redis log, the final call
 * stacks, the load's statistics, and the threads starved of the GIL.
 */
import type { Simulation } from '../../engine/simulation';
import type { WaitInterval } from '../../engine/trace';
import { CLOCKS, DEFAULT_CONFIG, type Mod11658Config } from './config';
import type { Mod11658Shared } from './index';
import { visibleAt, wallClock } from '../redis/log';
import { runLog } from './runLog';
import { commandReplies as sharedReplies } from '../redis/replies';
import { outcomeFields } from '../redis/outcome';
import { withNotes } from './replyNotes';
import type { CommandReply, RunReport as GenericReport } from '../module';
import { formatMs } from '../../engine/duration';

export type { CommandReply };

/** The generic report, with the wall clock of the hang, the load's statistics and the GIL's starved waiters. */
export interface RunReport extends GenericReport {
  deadlockWallClock: string | null;
  stats: {
    sent: number;
    completed: number;
    pending: number;
    /** `timedOut`: PINGs the monitor gave up on; `unansweredSinceMs`: the first PING sent after the last answer, if none came since. */
    ping: {
      sent: number;
      completed: number;
      timedOut: number;
      pendingSinceMs: number | null;
      unansweredSinceMs: number | null;
    };
  };
  /**
   * Threads that waited for the GIL longer than `starvationMs` before the run
   * ended or hung: a finding even when the outcome is ok (a worker the main
   * thread never lets in). Longest first.
   */
  starved: StarvedWait[];
  /** The threshold used for `starved` (virtual ms). */
  starvationMs: number;
  /** How the process ended, when something ended it (an operator's kill, a use-after-free). */
  ended: { at: number; wallClock: string; message: string } | null;
}

export interface StarvedWait {
  thread: string;
  /** When it started to wait (virtual ms). */
  from: number;
  /** How long it waited, up to the end of the run or the moment it hung. */
  waitedMs: number;
  /** Still waiting at that moment. */
  ongoing: boolean;
}

/**
 * The GIL waits (`waits for lock` on `gil`) longer than `thresholdMs`,
 * counted up to `horizon`: the end of the run, or when it hung or crashed,
 * since what is stuck after a hang is the hang itself, not starvation.
 */
export function starvedWaits(waits: readonly WaitInterval[], horizon: number, thresholdMs: number): StarvedWait[] {
  const out: StarvedWait[] = [];
  for (const w of waits) {
    if (w.to !== 'gil' || w.kind !== 'waits for lock' || w.start >= horizon) continue;
    const ongoing = !(w.end <= horizon);
    const waitedMs = (ongoing ? horizon : w.end) - w.start;
    if (waitedMs > thresholdMs) out.push({ thread: w.from, from: w.start, waitedMs, ongoing });
  }
  return out.sort((a, b) => b.waitedMs - a.waitedMs || a.from - b.from);
}

type Sim = Simulation<Mod11658Config, Mod11658Shared>;

import { isServerThread } from './threads';

export { isServerThread };

/** redis-cli's replies, each with why it is what it is when the run says so (`replyNotes.ts`). */
export const commandReplies = (sim: Sim): CommandReply[] => withNotes(sharedReplies(sim.trace.notes), sim.trace.notes);

export function loadStats(sim: Sim): RunReport['stats'] {
  let sent = 0;
  let completed = 0;
  let pingSent = 0;
  let pingDone = 0;
  let lastPingSent = 0;
  let timedOut = 0;
  let since: number | null = null;
  for (const n of sim.trace.notes) {
    const client = (n.data as { client?: string }).client;
    if (n.kind === 'sent') {
      if (client === 'ping') {
        pingSent++;
        lastPingSent = n.t;
        since ??= n.t;
      } else sent++;
    } else if (n.kind === 'completed') {
      if (client === 'ping') {
        pingDone++;
        since = null;
      } else if (client !== 'redis-cli') completed++;
    } else if (n.kind === 'timeout' && client === 'ping') timedOut++;
  }
  const waiting = pingSent > pingDone + timedOut;
  return {
    sent,
    completed,
    pending: sent - completed,
    ping: {
      sent: pingSent,
      completed: pingDone,
      timedOut,
      pendingSinceMs: waiting ? lastPingSent : null,
      unansweredSinceMs: since,
    },
  };
}

export function redisLog(sim: Sim): string[] {
  const cfg = sim.inputs.config;
  return runLog(sim)
    .filter((r) => visibleAt(cfg.loglevel, r.level))
    .map((r) => r.line);
}

const starvationMs = (sim: Sim) => sim.inputs.config.starvationMs ?? DEFAULT_CONFIG.starvationMs;

export function report(sim: Sim): RunReport {
  const v = sim.verdict;
  const threshold = starvationMs(sim);
  const stacks: Record<string, string[]> = {};
  for (const a of sim.actors())
    if (a.role === 'thread' && isServerThread(a.id)) stacks[a.id] = sim.incident.stack(sim.view, a.id);
  const replies = commandReplies(sim);
  // A WORKERS 0 that had nothing to wait for is the reason there was no hang: the outcome says so too.
  const noted = replies.filter((r) => r.note).map((r) => ` ${r.command} at ${formatMs(r.at)}: ${r.note}`);
  return {
    incident: sim.incident.id,
    variant: sim.inputs.variant,
    seed: sim.inputs.seed,
    ...outcomeFields(
      sim as never,
      CLOCKS[sim.inputs.config.clock],
      `No wait-for cycle formed: every thread could still move.${noted.join('')}`,
    ),
    replies,
    log: redisLog(sim),
    stacks,
    stats: loadStats(sim),
    starved: starvedWaits(sim.trace.waits, v ? v.at : sim.crash ? sim.crash.at : sim.t, threshold),
    starvationMs: threshold,
    ended: sim.crash
      ? {
          at: sim.crash.at,
          wallClock: wallClock(CLOCKS[sim.inputs.config.clock], sim.crash.at),
          message: sim.crash.message,
        }
      : null,
    steps: sim.step,
    virtualTimeMs: sim.t,
  };
}
