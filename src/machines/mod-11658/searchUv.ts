/**
 * `search-uv-1`, the coordinator's libuv IO thread (`sideThread`). It drains
 * its `IORuntimeCtx` work queue (`rqAsyncCb`): fan-outs of `_FT.SEARCH` /
 * `_FT.AGGREGATE` to every shard, reply callbacks (`fanoutCallback`,
 * `mrIteratorRedisCB`) and `uvUpdateConnPoolSize`. It takes the GIL only to
 * set up a new connection (`checkTLS`, `MRConn_SendAuth`), i.e. on Expand.
 */
import { assign, enqueueActions, setup } from 'xstate';
import { effects } from '../effects';
import type { StateMeta, SimEvent } from '../../engine/types';
import type { Verb } from './model';

interface Fanout {
  verb: Verb;
  pending: number;
  /** The blocked client the reducer will answer. */
  replyTo: string;
}

export interface UvContext {
  id: string;
  shards: number;
  /** Connections per shard node in each pool. */
  conns: number;
  inflight: Record<string, Fanout>;
  current: SimEvent | null;
  /** Connections Expand is creating. */
  connecting: number;
}

export type UvEvent =
  | { type: 'FANOUT'; id: string; verb: Verb; needsLoad: boolean; text: string; replyTo: string }
  | { type: 'REPLY'; id: string }
  | { type: 'SHARD_REPLY'; id: string; shard: string }
  | { type: 'UPDATE_CONN_POOL'; n: number }
  | { type: 'WORK_DONE' }
  | { type: 'GIL_ACQUIRED' }
  | { type: 'CONNECTED' }
  | { type: 'DRAIN_TIMEOUT' };

const LOOP = ['uv_run', 'sideThread', 'start_thread'] as const;
const meta = (m: StateMeta) => m;
const take = {
  target: 'working',
  actions: [
    assign({ current: ({ event }: { event: UvEvent }) => event as SimEvent }),
    { type: 'after', params: { event: { type: 'WORK_DONE' }, cost: 'uv' } },
  ],
} as const;

export interface UvOptions {
  /** Proposal A: drain the connections being stopped before MRConnManager_Shrink (5 s timeout). */
  drainOnShrink: boolean;
  drainTimeoutMs: number;
}

export function createSearchUvMachine(opts: UvOptions) {
  return setup({
    types: {
      context: {} as UvContext,
      events: {} as UvEvent,
      input: {} as { id: string; shards: number; conns: number },
    },
    actions: effects,
    guards: {
      expands: ({ context }) =>
        context.current?.type === 'UPDATE_CONN_POOL' && (context.current.n as number) > context.conns,
      // The drain loop runs on this very thread, so replies in flight cannot arrive while it waits.
      'drains with replies in flight': ({ context }) =>
        opts.drainOnShrink &&
        context.current?.type === 'UPDATE_CONN_POOL' &&
        (context.current.n as number) < context.conns &&
        Object.keys(context.inflight).length > 0,
    },
  }).createMachine({
    id: 'searchUv',
    initial: 'idle',
    context: ({ input }) => ({
      id: input.id,
      shards: input.shards,
      conns: input.conns,
      inflight: {},
      current: null,
      connecting: 0,
    }),
    states: {
      idle: {
        meta: meta({ span: 'idle', fn: 'epoll_wait', stack: ['uv__io_poll', ...LOOP], inbox: true }),
        on: {
          FANOUT: take as never,
          REPLY: take as never,
          SHARD_REPLY: take as never,
          UPDATE_CONN_POOL: take as never,
        },
      },
      working: {
        meta: meta({ span: 'running', fn: 'rqAsyncCb', stack: ['uv__async_io', ...LOOP] }),
        on: {
          WORK_DONE: [
            {
              guard: 'drains with replies in flight',
              target: 'draining',
              actions: [
                {
                  type: 'log',
                  params: ({ context }) => ({
                    level: 'notice',
                    message: `Draining connections before shrinking pool from ${context.conns} to ${context.current!.n as number}`,
                  }),
                },
                { type: 'after', params: { event: { type: 'DRAIN_TIMEOUT' }, ms: opts.drainTimeoutMs } },
              ],
            },
            {
              guard: 'expands',
              target: 'waitingGil',
              actions: [
                assign({ connecting: ({ context }) => (context.current!.n as number) - context.conns }),
                // MRConn_ConnectCallback -> checkTLS / MRConn_SendAuth need the GIL.
                { type: 'send', params: ({ context }) => ({ to: 'gil', event: { type: 'LOCK', by: context.id } }) },
              ],
            },
            {
              target: 'idle',
              actions: enqueueActions(({ context, enqueue }) => {
                const ev = context.current!;
                const id = ev.id as string;
                if (ev.type === 'FANOUT') {
                  // uvFanoutRequest -> MRCluster_FanoutCommand: this shard over TCP, the others remotely.
                  const internal = ev.verb === 'FT.SEARCH' ? '_FT.SEARCH' : '_FT.AGGREGATE';
                  enqueue.assign({
                    inflight: {
                      ...context.inflight,
                      [id]: { verb: ev.verb as Verb, pending: context.shards, replyTo: ev.replyTo as string },
                    },
                  });
                  enqueue({
                    type: 'send',
                    params: {
                      to: 'main',
                      cost: 'net',
                      event: {
                        type: 'CMD',
                        id,
                        text: `${internal} ${(ev.text as string).split(' ').slice(1).join(' ')}`,
                        cmd: { kind: 'query', verb: ev.verb, needsLoad: ev.needsLoad, internal: true },
                        replyTo: context.id,
                      },
                    },
                  } as never);
                  for (let s = 2; s <= context.shards; s++) {
                    enqueue({
                      type: 'send',
                      params: {
                        to: context.id,
                        cost: 'remote',
                        event: { type: 'SHARD_REPLY', id, shard: `shard-${s}` },
                      },
                    } as never);
                  }
                } else if (ev.type === 'REPLY' || ev.type === 'SHARD_REPLY') {
                  const f = context.inflight[id];
                  if (!f) return;
                  const shard = ev.type === 'REPLY' ? 'local' : (ev.shard as string);
                  const rest = { ...context.inflight };
                  if (f.pending > 1) rest[id] = { ...f, pending: f.pending - 1 };
                  else delete rest[id];
                  enqueue.assign({ inflight: rest });
                  if (f.verb === 'FT.AGGREGATE') {
                    // mrIteratorRedisCB -> MRIteratorCallback_AddReply = MRChannel_Push
                    enqueue({ type: 'send', params: { to: `chan-${id}`, event: { type: 'PUSH', shard } } } as never);
                    if (f.pending === 1)
                      enqueue({ type: 'send', params: { to: `chan-${id}`, event: { type: 'CLOSE' } } } as never);
                  } else if (f.pending === 1) {
                    // fanoutCallback on the last reply: searchResultReducer_background.
                    enqueue({
                      type: 'send',
                      params: {
                        to: 'coordpool',
                        event: {
                          type: 'ADD_WORK',
                          by: context.id,
                          jobs: [{ kind: 'reduce', id, verb: f.verb, needsLoad: false, replyTo: f.replyTo, text: '' }],
                          priority: 'HIGH',
                          verifyInit: false,
                        },
                      },
                    } as never);
                  }
                } else if (ev.type === 'UPDATE_CONN_POOL') {
                  if (opts.drainOnShrink && (ev.n as number) < context.conns) {
                    enqueue({
                      type: 'log',
                      params: {
                        level: 'notice',
                        message: `Draining connections before shrinking pool from ${context.conns} to ${ev.n as number}`,
                      },
                    } as never);
                    enqueue({
                      type: 'log',
                      params: { level: 'notice', message: 'Connection pool drain completed in 0 ms' },
                    } as never);
                  }
                  // MRConnManager_Shrink: MRConn_Stop; hiredis still delivers in-flight replies.
                  enqueue.assign({ conns: ev.n as number });
                }
                enqueue.assign({ current: null });
              }),
            },
          ],
        },
      },
      draining: {
        // MRConnManager_DrainConnections: usleep(1000) + RedisModule_Yield until drained or timed out.
        meta: meta({
          span: 'running',
          fn: 'MRConnManager_DrainConnections',
          stack: ['uvUpdateConnPoolSize', 'rqAsyncCb', ...LOOP],
        }),
        on: {
          DRAIN_TIMEOUT: {
            target: 'idle',
            actions: [
              {
                type: 'log',
                params: () => ({
                  level: 'warning',
                  message: `Timeout waiting for connection to drain (node: shard-2, elapsed: ${opts.drainTimeoutMs} ms)`,
                }),
              },
              {
                type: 'log',
                params: () => ({
                  level: 'notice',
                  message: `Connection pool drain completed in ${opts.drainTimeoutMs} ms`,
                }),
              },
              assign({ conns: ({ context }) => context.current!.n as number, current: null }),
            ],
          },
        },
      },
      waitingGil: {
        meta: meta({
          span: 'waitGil',
          fn: 'RedisModule_ThreadSafeContextLock',
          stack: ['checkTLS', 'MRConn_ConnectCallback', 'uv__stream_io', ...LOOP],
        }),
        on: {
          GIL_ACQUIRED: {
            target: 'connecting',
            actions: { type: 'after', params: { event: { type: 'CONNECTED' }, cost: 'connect' } },
          },
        },
      },
      connecting: {
        meta: meta({ span: 'holdGil', fn: 'checkTLS', stack: ['MRConn_ConnectCallback', 'uv__stream_io', ...LOOP] }),
        on: {
          CONNECTED: {
            target: 'idle',
            actions: [
              { type: 'send', params: ({ context }) => ({ to: 'gil', event: { type: 'UNLOCK', by: context.id } }) },
              assign({ conns: ({ context }) => context.current!.n as number, connecting: 0, current: null }),
            ],
          },
        },
      },
    },
  });
}

export const searchUvMachine = createSearchUvMachine({ drainOnShrink: false, drainTimeoutMs: 5000 });
