/**
 * The Redis main thread of #12290: the event loop. It reads one command at a
 * time from its inbox and runs it (`processCommand` -> `call`); when the
 * command signalled a key as ready it runs `handleClientsBlockedOnKeys` with
 * its re-entry guard and the `ready_keys` swap, and the walk over
 * `db->blocking_keys[key]` one node at a time (`listNext`, then the loop
 * body, each with its CPU cost). `beforeSleep` answers timed-out BLOCKs with
 * a null reply and writes every buffered reply. The walk's loop condition
 * and body come from a variant (7.2-rc2, 7.2-rc3, 7.0).
 */
import { assign, enqueueActions, setup } from 'xstate';
import { effects } from '../effects';
import type { StateMeta } from '../../engine/types';
import { compareId, NIL, type CmdEvent, type Reply, type ServerState } from './model';
import { processCommand, unblockClient, xreadgroup } from './server';
import type { Walk, WalkVariant } from './walk';

/** Timeline colours of this incident's threads. */
export type Span = 'idle' | 'running' | 'walking' | 'blocked' | 'waitReply' | 'sleeping' | 'exited';

/** A state's meta with this incident's span kinds. */
export const meta = (m: StateMeta & { span: Span }): StateMeta => m;

export interface PendingWrite {
  to: string;
  id: string;
  client: string;
  reply: Reply;
}

export interface MainContext {
  server: ServerState;
  /** The command `processCommand` is running. */
  current: CmdEvent | null;
  /** `clients_pending_write`: replies written in beforeSleep. */
  writes: PendingWrite[];
  /** `in_handling_blocked_clients`. */
  inHandling: boolean;
  /** The `ready_keys` list swapped out by `handleClientsBlockedOnKeys`. */
  handling: string[];
  walk: Walk | null;
  /** The command of the client the walk unblocked (its `argv`, re-run by `processCommandAndResetClient`). */
  reprocessing: CmdEvent | null;
  /** `server.unixsocket`, for the accept log line. */
  unixsocket: string;
}

export type MainEvent =
  | CmdEvent
  | { type: 'CONNECT'; client: string }
  | { type: 'TIMEOUT_DUE' }
  | { type: 'BEFORE_SLEEP'; expired: string[] }
  | { type: 'DONE' }
  | { type: 'NEXT' }
  | { type: 'UNBLOCK' }
  | { type: 'REPROCESS' }
  | { type: 'SERVE' };

export interface MainInput {
  server: ServerState;
  unixsocket: string;
}

/** Effects the incident interprets: the timeout table (`clients_timeout_table`), whose deadlines are times. */
const mainEffects = {
  ...effects,
  armTimeout: () => {},
  setTimeout: (_: unknown, _p: { client: string; ms: number }) => {},
  clearTimeout: (_: unknown, _p: { client: string }) => {},
};

const LOOP = ['aeProcessEvents', 'aeMain', 'main'];
/** From `processCommand` of the command read from a client's socket down to `main`. */
export const PROCESS = [
  'processCommand',
  'processCommandAndResetClient',
  'processInputBuffer',
  'readQueryFromClient',
  'connSocketEventHandler',
  'connUnixEventHandler',
  ...LOOP,
];

const after = (type: string, cost: string) => ({ type: 'after', params: { event: { type }, cost } }) as const;
type Enqueue = (a: unknown) => void;

function write(ctx: MainContext, ev: CmdEvent, reply: Reply): PendingWrite[] {
  return [...ctx.writes, { to: ev.replyTo, id: ev.id, client: ev.client, reply }];
}

/** `acceptUnixHandler` -> `acceptCommonHandler`: the new connection is logged at verbose. */
const accept = [
  {
    type: 'log',
    params: ({ context }: { context: MainContext }) => ({
      level: 'verbose',
      message: `Accepted connection to ${context.unixsocket}`,
    }),
  },
  { type: 'note', params: ({ event }: { event: { client: string } }) => ({ kind: 'accepted', client: event.client }) },
] as never;

export function createMainMachine(variant: WalkVariant) {
  const walkStack = (fn: string[]) => [...fn, ...variant.frames, ...PROCESS];
  return setup({
    types: { context: {} as MainContext, events: {} as MainEvent, input: {} as MainInput },
    actions: mainEffects,
    guards: {
      'ready keys': ({ context }) => context.server.ready_keys.length > 0,
      'handling keys': ({ context }) => context.handling.length > 0,
      'has walk': ({ context }) => context.walk !== null,
      'walk goes on': ({ context }) => {
        const w = context.walk!;
        return variant.listNext(w, context.server.blocking_keys[w.key] ?? []) !== null;
      },
      reprocesses: () => variant.body === 'unblockClientOnKey',
    },
  }).createMachine({
    id: 'main',
    initial: 'epoll',
    context: ({ input }) => ({
      server: input.server,
      current: null,
      writes: [],
      inHandling: false,
      handling: [],
      walk: null,
      reprocessing: null,
      unixsocket: input.unixsocket,
    }),
    states: {
      epoll: {
        meta: meta({ span: 'idle', fn: 'epoll_wait', stack: ['aeApiPoll', ...LOOP], inbox: true }),
        // aeProcessEvents sleeps until a client writes or the nearest BLOCK timeout.
        entry: { type: 'armTimeout' },
        on: {
          CMD: { target: 'call', actions: [assign({ current: ({ event }) => event }), after('DONE', 'cmd')] },
          CONNECT: {
            target: 'awake',
            actions: accept,
          },
          TIMEOUT_DUE: { target: 'awake' },
        },
      },
      awake: {
        meta: meta({ span: 'running', fn: 'aeProcessEvents', stack: ['aeMain', 'main'], inbox: true }),
        on: {
          CMD: { target: 'call', actions: [assign({ current: ({ event }) => event }), after('DONE', 'cmd')] },
          CONNECT: {
            actions: accept,
          },
          TIMEOUT_DUE: {},
          BEFORE_SLEEP: {
            target: 'epoll',
            actions: enqueueActions(({ context, event, enqueue }) => {
              const c = context as MainContext;
              let server = c.server;
              let writes = c.writes;
              const e = event as { expired: string[] };
              // handleBlockedClientsTimeout: replyToBlockedClientTimedOut -> addReplyNullArray.
              for (const client of e.expired) {
                const ev = server.blocked[client];
                if (!ev || ev.cmd.kind !== 'xreadgroup') continue;
                server = unblockClient(server, ev.cmd.key, client);
                writes = [...writes, { to: ev.replyTo, id: ev.id, client, reply: NIL }];
                (enqueue as Enqueue)({ type: 'clearTimeout', params: { client } });
                (enqueue as Enqueue)({ type: 'note', params: { kind: 'timedOut', client, id: ev.id } });
              }
              // handleClientsWithPendingWritesUsingThreads.
              for (const w of writes) {
                (enqueue as Enqueue)({
                  type: 'send',
                  params: { to: w.to, event: { type: 'REPLY', id: w.id, reply: w.reply }, cost: 'net' },
                });
                (enqueue as Enqueue)({
                  type: 'note',
                  params: { kind: 'reply', to: w.to, id: w.id, client: w.client, reply: w.reply },
                });
              }
              enqueue.assign({ server, writes: [], current: null });
            }),
          },
        },
      },
      call: {
        meta: meta({ span: 'running', fn: 'call', stack: PROCESS }),
        on: {
          DONE: {
            target: 'afterCall',
            actions: enqueueActions(({ context, enqueue }) => {
              const c = context as MainContext;
              const ev = c.current!;
              const out = processCommand(c.server, ev);
              enqueue.assign({ server: out.server, writes: out.reply ? write(c, ev, out.reply) : c.writes });
              if (out.blockedFor !== null) {
                (enqueue as Enqueue)({ type: 'setTimeout', params: { client: ev.client, ms: out.blockedFor } });
                (enqueue as Enqueue)({ type: 'note', params: { kind: 'blocked', client: ev.client, id: ev.id } });
              }
            }),
          },
        },
      },
      afterCall: {
        meta: meta({ span: 'running', fn: 'call', stack: PROCESS }),
        always: [
          // if (listLength(server.ready_keys)) handleClientsBlockedOnKeys();
          { guard: 'ready keys', target: 'handleKeys', actions: assign({ inHandling: true }) },
          { target: 'awake' },
        ],
      },
      handleKeys: {
        meta: meta({ span: 'walking', fn: 'handleClientsBlockedOnKeys', stack: PROCESS }),
        always: [
          {
            // Point server.ready_keys to a fresh list and walk the old one.
            guard: 'ready keys',
            target: 'nextKey',
            actions: assign({
              handling: ({ context }) => context.server.ready_keys,
              server: ({ context }) => ({ ...context.server, ready_keys: [] }),
            }),
          },
          { target: 'awake', actions: assign({ inHandling: false }) },
        ],
      },
      nextKey: {
        meta: meta({ span: 'walking', fn: 'handleClientsBlockedOnKeys', stack: PROCESS }),
        always: [
          {
            guard: 'handling keys',
            target: 'rewind',
            actions: enqueueActions(({ context, enqueue }) => {
              const c = context as MainContext;
              const [key, ...rest] = c.handling;
              // dictDelete(rl->db->ready_keys, rl->key), then dictFind(db->blocking_keys, key).
              const server = { ...c.server, db_ready_keys: c.server.db_ready_keys.filter((k) => k !== key) };
              const clients = server.blocking_keys[key];
              enqueue.assign({ handling: rest, server, walk: clients ? variant.rewind(key, clients) : null });
              if (clients)
                (enqueue as Enqueue)({ type: 'note', params: { kind: 'walk', step: 'rewind', key, clients } });
            }),
          },
          { target: 'handleKeys' },
        ],
      },
      rewind: {
        meta: meta({ span: 'walking', fn: 'listRewind', stack: variant.frames.concat(PROCESS) }),
        always: [{ guard: 'has walk', target: 'listNext' }, { target: 'nextKey' }],
      },
      listNext: {
        meta: meta({ span: 'walking', fn: 'listNext', stack: walkStack([]) }),
        entry: after('NEXT', 'listNext'),
        on: {
          NEXT: [
            {
              guard: 'walk goes on',
              target: 'visit',
              actions: enqueueActions(({ context, enqueue }) => {
                const c = context as MainContext;
                const w = variant.listNext(c.walk!, c.server.blocking_keys[c.walk!.key] ?? [])!;
                enqueue.assign({ walk: w });
                (enqueue as Enqueue)({
                  type: 'note',
                  params: { kind: 'walk', step: 'next', key: w.key, client: w.current, next: w.next },
                });
              }),
            },
            {
              target: 'nextKey',
              actions: [
                { type: 'note', params: ({ context }) => ({ kind: 'walk', step: 'end', key: context.walk!.key }) },
                assign({ walk: null }),
              ],
            },
          ],
        },
      },
      visit: {
        meta: meta({ span: 'walking', fn: 'listNext', stack: walkStack([]) }),
        always: [{ guard: 'reprocesses', target: 'unblockClientOnKey' }, { target: 'serveStream' }],
      },
      unblockClientOnKey: {
        meta: meta({ span: 'walking', fn: 'releaseBlockedEntry', stack: walkStack(['unblockClientOnKey']) }),
        entry: after('UNBLOCK', 'unblock'),
        on: {
          UNBLOCK: {
            target: 'reprocess',
            actions: enqueueActions(({ context, enqueue }) => {
              const c = context as MainContext;
              const w = c.walk!;
              const client = w.current!;
              const ev = c.server.blocked[client];
              // releaseBlockedEntry: listUnlinkNode from the very list being walked; then unblockClient.
              enqueue.assign({ server: unblockClient(c.server, w.key, client), reprocessing: ev });
              (enqueue as Enqueue)({ type: 'clearTimeout', params: { client } });
              (enqueue as Enqueue)({ type: 'note', params: { kind: 'walk', step: 'unlink', key: w.key, client } });
            }),
          },
        },
      },
      reprocess: {
        meta: meta({
          span: 'walking',
          fn: 'xreadCommand',
          stack: ['call', 'processCommand', 'processCommandAndResetClient', ...walkStack(['unblockClientOnKey'])],
        }),
        entry: after('REPROCESS', 'reprocess'),
        on: {
          REPROCESS: {
            target: 'listNext',
            actions: enqueueActions(({ context, enqueue }) => {
              const c = context as MainContext;
              const ev = c.reprocessing!;
              const key = c.walk!.key;
              if (ev.cmd.kind !== 'xreadgroup') return;
              const out = xreadgroup(c.server, ev, ev.cmd, false);
              enqueue.assign({
                server: out.server,
                writes: out.reply ? write(c, ev, out.reply) : c.writes,
                reprocessing: null,
              });
              if (out.blockedFor !== null) {
                // blockForKeys -> listAddNodeTail: a new node at the tail of the list being walked.
                (enqueue as Enqueue)({ type: 'setTimeout', params: { client: ev.client, ms: out.blockedFor } });
                (enqueue as Enqueue)({
                  type: 'note',
                  params: { kind: 'walk', step: 'reblocked', key, client: ev.client },
                });
              } else {
                (enqueue as Enqueue)({
                  type: 'note',
                  params: { kind: 'walk', step: 'served', key, client: ev.client, id: ev.id },
                });
              }
            }),
          },
        },
      },
      serveStream: {
        meta: meta({
          span: 'walking',
          fn: 'serveClientsBlockedOnStreamKey',
          stack: ['handleClientsBlockedOnKeys', ...PROCESS],
        }),
        entry: after('SERVE', 'serve'),
        on: {
          SERVE: {
            target: 'listNext',
            actions: enqueueActions(({ context, enqueue }) => {
              const c = context as MainContext;
              const w = c.walk!;
              const client = w.current!;
              const ev = c.server.blocked[client];
              if (!ev || ev.cmd.kind !== 'xreadgroup') return;
              const stream = c.server.streams[w.key];
              const group = stream?.groups[ev.cmd.group];
              let reply: Reply | null = null;
              let server = c.server;
              if (!group) {
                reply = {
                  kind: 'error',
                  value: 'NOGROUP the consumer group this client was blocked on no longer exists',
                };
                server = unblockClient(server, w.key, client);
              } else if (compareId(stream.last_id, group.last_id) > 0) {
                // streamCompareID(&s->last_id, &group->last_id) > 0: serve and unblock.
                const out = xreadgroup(unblockClient(server, w.key, client), ev, ev.cmd, true);
                server = out.server;
                reply = out.reply;
              }
              if (reply) {
                enqueue.assign({ server, writes: write(c, ev, reply) });
                (enqueue as Enqueue)({ type: 'clearTimeout', params: { client } });
                (enqueue as Enqueue)({
                  type: 'note',
                  params: { kind: 'walk', step: 'served', key: w.key, client, id: ev.id },
                });
              } else {
                (enqueue as Enqueue)({ type: 'note', params: { kind: 'walk', step: 'skipped', key: w.key, client } });
              }
            }),
          },
        },
      },
    },
  });
}
