/**
 * A `coord` pool thread (`search-threads`, cluster mode). Distributed
 * FT.SEARCH: `DistSearchCommandHandler` -> `MR_Fanout` schedules the fan-out
 * on `search-uv-1` and returns; the reducer runs later. Distributed
 * FT.AGGREGATE: `RSExecDistAggregate` waits in `MRChannel_Pop` (no timeout)
 * for the replies `search-uv-1` pushes. No coord path takes the GIL.
 */
import { assign, setup } from 'xstate';
import { effects } from '../effects';
import type { StateMeta } from '../../engine/types';
import { queryReply, type CoordJob } from './model';

export interface CoordContext {
  id: string;
  shards: number;
  job: CoordJob | null;
}

export type CoordEvent =
  | { type: 'JOB'; job: CoordJob }
  | { type: 'DONE' }
  | { type: 'CHAN_ITEM' }
  | { type: 'CHAN_WAIT' }
  | { type: 'CHAN_CLOSED' };

const THREAD = ['thread_do', 'start_thread'] as const;
const AGG = ['MRIterator_Next', 'getNextReply', 'rpnetNext', 'RSExecDistAggregate', ...THREAD] as const;
const meta = (m: StateMeta) => m;
const pull = {
  type: 'send',
  params: ({ context }: { context: CoordContext }) => ({
    to: 'coordpool',
    event: { type: 'PULL', by: context.id, wait: true },
  }),
} as const;
const unblock = {
  type: 'send',
  params: ({ context }: { context: CoordContext }) => ({
    to: 'main',
    event: {
      type: 'UNBLOCKED',
      id: context.job!.id,
      replyTo: context.job!.replyTo,
      reply: queryReply(context.job!.verb),
    },
  }),
} as const;
const fanout = (j: CoordJob) => ({
  type: 'FANOUT',
  id: j.id,
  verb: j.verb,
  needsLoad: j.needsLoad,
  text: j.text,
  replyTo: j.replyTo,
});
const onJob = {
  target: 'working',
  actions: [
    assign({ job: ({ event }: { event: CoordEvent }) => (event as { job: CoordJob }).job }),
    { type: 'after', params: { event: { type: 'DONE' }, cost: 'coord' } },
  ],
} as const;

export const coordMachine = setup({
  types: { context: {} as CoordContext, events: {} as CoordEvent, input: {} as { id: string; shards: number } },
  actions: effects,
  guards: {
    'is search': ({ context }) => context.job?.kind === 'distSearch',
    'is reduce': ({ context }) => context.job?.kind === 'reduce',
  },
}).createMachine({
  id: 'coord',
  initial: 'waitingForJob',
  context: ({ input }) => ({ id: input.id, shards: input.shards, job: null }),
  entry: pull as never,
  states: {
    waitingForJob: {
      meta: meta({ span: 'idle', fn: 'pthread_cond_wait', stack: ['priority_queue_pull', ...THREAD] }),
      on: { JOB: onJob as never },
    },
    working: {
      meta: meta({ span: 'running', fn: 'FlatSearchCommandHandler', stack: ['DistSearchCommandHandler', ...THREAD] }),
      on: {
        DONE: [
          {
            guard: 'is search',
            target: 'waitingForJob',
            // MR_Fanout = IORuntimeCtx_Schedule(uvFanoutRequest): RQ_Push + uv_async_send, then return.
            actions: [
              {
                type: 'send',
                params: ({ context }) => ({
                  to: 'search-uv-1',
                  cost: 'local',
                  event: fanout(context.job!),
                }),
              },
              assign({ job: null }),
              pull as never,
            ],
          },
          {
            guard: 'is reduce',
            target: 'waitingForJob',
            actions: [unblock as never, assign({ job: null }), pull as never],
          },
          {
            target: 'popping',
            actions: [
              {
                type: 'spawn',
                params: ({ context }) => ({
                  id: `chan-${context.job!.id}`,
                  kind: 'channel',
                  input: {
                    shards: ['local', ...Array.from({ length: context.shards - 1 }, (_, i) => `shard-${i + 2}`)],
                  },
                }),
              },
              {
                type: 'send',
                params: ({ context }) => ({
                  to: 'search-uv-1',
                  cost: 'local',
                  event: fanout(context.job!),
                }),
              },
              {
                type: 'send',
                params: ({ context }) => ({ to: `chan-${context.job!.id}`, event: { type: 'POP', by: context.id } }),
              },
            ],
          },
        ],
      },
    },
    popping: {
      meta: meta({ span: 'running', fn: 'MRChannel_Pop', stack: AGG }),
      on: {
        CHAN_ITEM: 'consuming',
        CHAN_WAIT: 'waitChannel',
        CHAN_CLOSED: { target: 'waitingForJob', actions: [unblock as never, assign({ job: null }), pull as never] },
      },
    },
    waitChannel: {
      meta: meta({ span: 'waitChannel', fn: 'pthread_cond_wait', stack: ['MRChannel_Pop', ...AGG] }),
      on: {
        CHAN_ITEM: 'consuming',
        CHAN_CLOSED: { target: 'waitingForJob', actions: [unblock as never, assign({ job: null }), pull as never] },
      },
    },
    consuming: {
      meta: meta({ span: 'running', fn: 'rpnetNext', stack: ['RSExecDistAggregate', ...THREAD] }),
      entry: { type: 'after', params: { event: { type: 'DONE' }, cost: 'reduce' } },
      on: {
        DONE: {
          target: 'popping',
          actions: {
            type: 'send',
            params: ({ context }) => ({ to: `chan-${context.job!.id}`, event: { type: 'POP', by: context.id } }),
          },
        },
      },
    },
  },
});
