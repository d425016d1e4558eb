/**
 * The data of Redis #12290 as the server keeps it: the stream `tasks_queue`
 * (its length, last id and the entries its consumer group has not been
 * delivered yet), the group with its `last_id` and consumers,
 * `db->blocking_keys` (per key, a FIFO list of client ids), `server.ready_keys`,
 * each blocked client's pending command and each client's MULTI queue. Plus
 * the commands and replies that travel between the clients and the main thread.
 */

import type { Reply } from '../resp';

export type { Reply };

export interface StreamEntry {
  id: string;
  fields: string[];
}

export interface Group {
  last_id: string;
  entries_read: number;
  /** Size of the group's PEL (nobody XACKs in the reproduction). */
  pending: number;
  /** Consumer name -> its pending count, in creation order. */
  consumers: Record<string, number>;
}

export interface Stream {
  length: number;
  last_id: string;
  entries_added: number;
  /** Entries after the lowest group `last_id` (the only ones a `>` read can return). */
  undelivered: StreamEntry[];
  groups: Record<string, Group>;
}

export type Command =
  | { kind: 'ping'; message: string | null }
  | { kind: 'xadd'; key: string; maxlen: number | null; fields: string[] }
  | {
      kind: 'xreadgroup';
      group: string;
      consumer: string;
      /** 0 = no COUNT. */
      count: number;
      /** BLOCK in ms (0 = for ever); null without BLOCK. */
      block: number | null;
      key: string;
    }
  | { kind: 'xgroupCreate'; key: string; group: string; mkstream: boolean }
  | { kind: 'xlen'; key: string }
  | { kind: 'xinfoGroups'; key: string }
  | { kind: 'multi' }
  | { kind: 'exec' }
  /** Refused by the server before it runs (arity, syntax, unknown command). */
  | { kind: 'error'; reply: Reply };

export interface CmdEvent {
  type: 'CMD';
  id: string;
  /** The connection (a client id in `blocking_keys`). */
  client: string;
  /** The actor that reads the reply. */
  replyTo: string;
  text: string;
  cmd: Command;
  /** Wall-clock ms when the command was read (`*` stream ids). */
  ms: number;
  [key: string]: unknown;
}

export interface ReplyEvent {
  type: 'REPLY';
  id: string;
  reply: Reply;
  [key: string]: unknown;
}

export interface ServerState {
  streams: Record<string, Stream>;
  /** `db->blocking_keys`: key -> client ids, first blocked first. */
  blocking_keys: Record<string, string[]>;
  /** `server.ready_keys`. */
  ready_keys: string[];
  /** `db->ready_keys` (the de-duplicating dict). */
  db_ready_keys: string[];
  /** Clients blocked on keys (`CLIENT_PENDING_COMMAND`): the command to re-run. */
  blocked: Record<string, CmdEvent>;
  /** Clients inside MULTI: their queued commands. */
  multi: Record<string, CmdEvent[]>;
}

export const EMPTY_SERVER: ServerState = {
  streams: {},
  blocking_keys: {},
  ready_keys: [],
  db_ready_keys: [],
  blocked: {},
  multi: {},
};

export const OK: Reply = { kind: 'status', value: 'OK' };
export const NIL: Reply = { kind: 'nil' };
export const err = (value: string): Reply => ({ kind: 'error', value });

/** `streamCompareID` on `<ms>-<seq>` ids. */
export function compareId(a: string, b: string): number {
  const [am, as] = a.split('-').map(Number);
  const [bm, bs] = b.split('-').map(Number);
  return am !== bm ? Math.sign(am - bm) : Math.sign(as - bs);
}

/** The id `*` gives at wall-clock `ms` after `last` (`streamNextID`). */
export function nextId(last: string, ms: number): string {
  const [lm, ls] = last.split('-').map(Number);
  return ms > lm ? `${ms}-0` : `${lm}-${ls + 1}`;
}
