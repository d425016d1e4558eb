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

export const clientMachine = setup({
  types: {
    context: {} as { id: string; remaining: number },
    events: {} as { type: 'THINK_DONE' } | { type: 'REPLY'; id: string },
    input: {} as { id: string; queries: number },
  },
  actions: clientEffects,
  guards: { 'has budget': ({ context }) => context.remaining > 0 },
}).createMachine({
  id: 'client',
  initial: 'thinking',
  context: ({ input }) => ({ id: input.id, remaining: input.queries }),
  entry: think as never,
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

export const pingMachine = setup({
  types: {
    context: {} as { id: string; interval: number },
    events: {} as { type: 'TICK' } | { type: 'REPLY'; id: string },
    input: {} as { id: string; interval: number },
  },
  actions: clientEffects,
}).createMachine({
  id: 'ping',
  initial: 'sleeping',
  context: ({ input }) => ({ id: input.id, interval: input.interval }),
  entry: { type: 'after', params: ({ context }) => ({ event: { type: 'TICK' }, ms: context.interval }) },
  states: {
    sleeping: {
      meta: meta({ span: 'idle', fn: 'sleep' }),
      on: {
        TICK: { target: 'awaitingReply', actions: { type: 'ping', params: ({ context }) => ({ client: context.id }) } },
      },
    },
    awaitingReply: {
      meta: meta({ span: 'waitReply', fn: 'read', stack: ['redisGetReply'], inbox: true }),
      on: {
        REPLY: {
          target: 'sleeping',
          actions: [
            { type: 'note', params: ({ event, context }) => ({ kind: 'completed', id: event.id, client: context.id }) },
            { type: 'after', params: ({ context }) => ({ event: { type: 'TICK' }, ms: context.interval }) },
          ],
        },
      },
    },
  },
});

export { operatorMachine, type ScheduledCommand } from '../operator';
