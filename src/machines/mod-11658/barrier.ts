/**
 * `barrier_t` (`deps/thpool/barrier.c`) around a `pthread_barrier_t`. Threads
 * ARRIVE and block until `count` have arrived; each then bumps `received`
 * (pre-fix) or decrements `num_threads_to_wait` (post-fix, where the last one
 * destroys and frees the heap barrier). Where it lives matters: pre-fix it is
 * on the main thread's stack inside `redisearch_thpool_broadcast_new_state`.
 */
import { assign, setup } from 'xstate';
import { effects } from '../effects';

export interface BarrierContext {
  count: number;
  arrived: string[];
  /** Bumped by each thread after `pthread_barrier_wait` returns. */
  received: number;
  /** Post-fix `num_threads_to_wait`. */
  toWait: number;
  home: 'main stack' | 'heap';
  /** The creator (who spins on `received`, pre-fix). */
  owner: string;
}

export interface BarrierInput {
  count: number;
  home: 'main stack' | 'heap';
  owner: string;
}

export type BarrierEvent =
  | { type: 'ARRIVE'; by: string }
  | { type: 'RECEIVED'; by: string }
  | { type: 'LEAVE'; by: string }
  | { type: 'DESTROY' };

export const barrierMachine = setup({
  types: { context: {} as BarrierContext, events: {} as BarrierEvent, input: {} as BarrierInput },
  actions: effects,
  guards: {
    'last to arrive': ({ context }) => context.arrived.length + 1 === context.count,
    'last to leave': ({ context }) => context.toWait === 1,
  },
}).createMachine({
  id: 'barrier',
  initial: 'waiting',
  context: ({ input }) => ({
    count: input.count,
    arrived: [],
    received: 0,
    toWait: input.count,
    home: input.home,
    owner: input.owner,
  }),
  states: {
    waiting: {
      on: {
        // Destroying a barrier with threads inside is undefined behaviour (barrier.h); only a timeout does it.
        DESTROY: { target: 'destroyed' },
        ARRIVE: [
          {
            // The last arrival opens it; each waiter then returns from
            // pthread_barrier_wait at its own pace (offered to the scheduler).
            guard: 'last to arrive',
            target: 'open',
            actions: assign({ arrived: ({ context, event }) => [...context.arrived, event.by] }),
          },
          { actions: assign({ arrived: ({ context, event }) => [...context.arrived, event.by] }) },
        ],
      },
    },
    open: {
      on: {
        RECEIVED: { actions: assign({ received: ({ context }) => context.received + 1 }) },
        LEAVE: [
          { guard: 'last to leave', target: 'freed', actions: assign({ toWait: 0 }) },
          { actions: assign({ toWait: ({ context }) => context.toWait - 1 }) },
        ],
        DESTROY: { target: 'destroyed' },
      },
    },
    // Pre-fix the barrier lives in barrier_wait_and_destroy's stack frame: once
    // that frame is gone, any thread that still reaches it reads freed memory.
    destroyed: {
      on: {
        ARRIVE: {
          actions: {
            type: 'crash',
            params: ({ context, event }) => ({
              actor: event.by,
              message:
                `use-after-free: ${event.by} reached a barrier that ${context.owner} already destroyed ` +
                `(it lived on ${context.home === 'main stack' ? "the main thread's stack, in a frame that has returned" : 'the heap'}); ` +
                `${context.arrived.length} thread${context.arrived.length === 1 ? ' was' : 's were'} still inside pthread_barrier_wait when it was destroyed`,
            }),
          },
        },
      },
    },
    freed: {},
  },
});
