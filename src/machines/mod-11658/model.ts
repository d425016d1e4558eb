/**
 * Data shared by the MOD-11658 machines: jobs on the thread pool's queues,
 * parsed commands, replies, and the thread states of `deps/thpool/thpool.c`.
 */
export type ThreadState = 'THREAD_RUNNING' | 'THREAD_TERMINATE_WHEN_EMPTY' | 'THREAD_TERMINATE_ASAP';
export type Priority = 'ADMIN' | 'HIGH' | 'LOW';
export type PoolState = 'THPOOL_INITIALIZED' | 'THPOOL_UNINITIALIZED';
export type Verb = 'FT.SEARCH' | 'FT.AGGREGATE';

/** A shard-local query (`AREQ_Execute_Callback`), run on a `workers` thread. */
export interface QueryJob {
  kind: 'query';
  id: string;
  verb: Verb;
  /** Needs RPSafeLoader, i.e. the GIL, to load document fields. */
  needsLoad: boolean;
  replyTo: string;
  text: string;
}

/** `admin_job_change_state`: set the thread's state, then wait at the barrier. */
export interface AdminJob {
  kind: 'admin';
  newState: ThreadState;
  barrier: string;
  /** Post-fix (#7410): the last thread through destroys and frees the barrier. */
  lastDestroys: boolean;
}

/** Jobs of the `coord` pool (cluster mode only). */
export interface CoordJob {
  kind: 'distSearch' | 'distAggregate' | 'reduce';
  id: string;
  verb: Verb;
  needsLoad: boolean;
  replyTo: string;
  text: string;
}

export type Job = QueryJob | AdminJob | CoordJob;

import type { Reply } from '../resp';

export type { Reply };

export type ConfigVia = 'FT.CONFIG' | 'CONFIG';

export type Command =
  | { kind: 'ping' }
  | { kind: 'configSet'; via: ConfigVia; value: number; excess: boolean }
  | { kind: 'configGet'; via: ConfigVia; option: string }
  | { kind: 'query'; verb: Verb; needsLoad: boolean; internal: boolean }
  /** Refused before any setter runs; `deprecation` when FT.CONFIG logged its warning first. */
  | { kind: 'error'; reply: Reply; deprecation: boolean };

export interface CmdEvent {
  type: 'CMD';
  id: string;
  text: string;
  cmd: Command;
  replyTo: string;
  [key: string]: unknown;
}

export interface ReplyEvent {
  type: 'REPLY';
  id: string;
  reply: Reply;
  [key: string]: unknown;
}

export interface UnblockedEvent {
  type: 'UNBLOCKED';
  id: string;
  replyTo: string;
  reply: Reply;
  [key: string]: unknown;
}

export const OK: Reply = { kind: 'status', value: 'OK' };

/** The reply a finished query sends: the hit count (enough for the simulation). */
export function queryReply(verb: Verb): Reply {
  return verb === 'FT.SEARCH'
    ? { kind: 'array', items: [{ kind: 'integer', value: 1000 }] }
    : { kind: 'array', items: [{ kind: 'integer', value: 4 }] };
}
