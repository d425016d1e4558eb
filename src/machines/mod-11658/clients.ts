/**
 * The load and the operator. `client-N` are load generators (as the upstream
 * regression test's client threads): think, send one query, wait for its
 * reply. `ping` sends PING periodically, which is how an operator first sees
 * a hang. `redis-cli` sends the injected commands at their times, each on a
 * fresh connection, so a hung server leaves every later one unanswered too.
 */
import { assign, setup } from 'xstate';
import { effects } from '../effects';
import type { StateMeta } from '../../engine/types';

const meta = (m: StateMeta) => m;

/** Effects the incident interprets: pick and send a query, a PING, an injected command. */
const clientEffects = {
  ...effects,
  query: (_: unknown, _p: { client: string }) => {},
  ping: (_: unknown, _p: { client: string }) => {},
  command: (_: unknown, _p: { text: string; index: number }) => {},
};
const think = { type: 'after', params: { event: { type: 'THINK_DONE' }, cost: 'think' } } as const;
/** The first query waits for the load to start (the test loads its index first), then thinks as usual. */
const firstThink = {
  type: 'after',
  params: ({ context }: { context: { startMs: number } }) =>
    context.startMs > 0 ? { event: { type: 'THINK_DONE' }, at: context.startMs } : think.params,
} as const;

export const clientMachine = setup({
  types: {
    context: {} as { id: string; remaining: number; startMs: number },
    events: {} as { type: 'THINK_DONE' } | { type: 'REPLY'; id: string },
    input: {} as { id: string; queries: number; startMs?: number },
  },
  actions: clientEffects,
  guards: { 'has budget': ({ context }) => context.remaining > 0 },
}).createMachine({
  id: 'client',
  initial: 'thinking',
  context: ({ input }) => ({ id: input.id, remaining: input.queries, startMs: input.startMs ?? 0 }),
  entry: firstThink as never,
  states: {
    thinking: {
      meta: meta({ span: 'idle', fn: 'think' }),
      on: {
        THINK_DONE: [
          {
            guard: 'has budget',
            target: 'awaitingReply',
            actions: [
              { type: 'query', params: ({ context }) => ({ client: context.id }) },
              assign({ remaining: ({ context }) => context.remaining - 1 }),
            ],
          },
          { target: 'done' },
        ],
      },
    },
    awaitingReply: {
      meta: meta({ span: 'waitReply', fn: 'read', stack: ['redisGetReply'], inbox: true }),
      on: {
        REPLY: {
          target: 'thinking',
          actions: [
            { type: 'note', params: ({ event, context }) => ({ kind: 'completed', id: event.id, client: context.id }) },
            think as never,
          ],
        },
      },
    },
    done: { meta: meta({ span: 'exited', fn: 'exit' }) },
  },
});

type PingContext = { id: string; interval: number; timeout: number | null };
const nextTick = {
  type: 'after',
  params: ({ context }: { context: PingContext }) => ({ event: { type: 'TICK' }, ms: context.interval }),
} as const;

/**
 * The monitor: PING every `interval`; with a read `timeout` it gives up on
 * an unanswered PING (redis-py's `TimeoutError: Timeout reading from …`),
 * drops that connection and tries again, so a hung server shows as PINGs
 * timing out one after another. Without one it waits on the first forever.
 */
export const pingMachine = setup({
  types: {
    context: {} as PingContext,
    events: {} as { type: 'TICK' } | { type: 'TIMEOUT' } | { type: 'REPLY'; id: string },
    input: {} as { id: string; interval: number; timeout?: number | null },
  },
  actions: clientEffects,
  guards: { 'has timeout': ({ context }) => context.timeout !== null },
}).createMachine({
  id: 'ping',
  initial: 'sleeping',
  context: ({ input }) => ({ id: input.id, interval: input.interval, timeout: input.timeout ?? null }),
  entry: nextTick as never,
  states: {
    sleeping: {
      meta: meta({ span: 'idle', fn: 'sleep', inbox: true }),
      on: {
        TICK: [
          {
            guard: 'has timeout',
            target: 'awaitingReply',
            actions: [
              { type: 'ping', params: ({ context }) => ({ client: context.id }) },
              { type: 'after', params: ({ context }) => ({ event: { type: 'TIMEOUT' }, ms: context.timeout! }) },
            ],
          },
          { target: 'awaitingReply', actions: { type: 'ping', params: ({ context }) => ({ client: context.id }) } },
        ],
        // A reply to a PING given up on: its connection was closed, nobody reads it.
        REPLY: {},
      },
    },
    awaitingReply: {
      meta: meta({ span: 'waitReply', fn: 'read', stack: ['redisGetReply'], inbox: true }),
      on: {
        REPLY: {
          target: 'sleeping',
          actions: [
            { type: 'cancel' },
            { type: 'note', params: ({ event, context }) => ({ kind: 'completed', id: event.id, client: context.id }) },
            nextTick as never,
          ],
        },
        TIMEOUT: {
          target: 'sleeping',
          actions: [
            {
              type: 'note',
              params: ({ context }) => ({ kind: 'timeout', client: context.id, after: context.timeout }),
            },
            nextTick as never,
          ],
        },
      },
    },
  },
});

export { operatorMachine, type ScheduledCommand } from '../operator';
