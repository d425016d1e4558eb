/**
 * A mutex as a passive object: an owner and the threads blocked on it. Used
 * for the Redis module GIL (`moduleGIL`). A free mutex is taken at once; when
 * it is released with waiters, which waiter gets it next is not decided here:
 * each waiter is offered a GRANT and the scheduler picks one, as the OS does.
 */
import { assign, setup } from 'xstate';
import { effects } from './effects';

export interface MutexContext {
  owner: string | null;
  waiters: string[];
}

export type MutexEvent = { type: 'LOCK'; by: string } | { type: 'UNLOCK'; by: string } | { type: 'GRANT'; to: string };

export const mutexMachine = setup({
  types: { context: {} as MutexContext, events: {} as MutexEvent },
  actions: effects,
  guards: {
    'is waiter': ({ context, event }) => event.type === 'GRANT' && context.waiters.includes(event.to),
    'is owner': ({ context, event }) => event.type === 'UNLOCK' && context.owner === event.by,
  },
}).createMachine({
  id: 'mutex',
  initial: 'free',
  context: { owner: null, waiters: [] },
  states: {
    free: {
      on: {
        LOCK: {
          target: 'held',
          actions: [
            assign({ owner: ({ event }) => event.by }),
            { type: 'send', params: ({ event }) => ({ to: event.by, event: { type: 'GIL_ACQUIRED' } }) },
          ],
        },
        GRANT: {
          target: 'held',
          guard: 'is waiter',
          actions: [
            assign({
              owner: ({ event }) => event.to,
              waiters: ({ context, event }) => context.waiters.filter((w) => w !== event.to),
            }),
            { type: 'send', params: ({ event }) => ({ to: event.to, event: { type: 'GIL_ACQUIRED' } }) },
          ],
        },
      },
    },
    held: {
      on: {
        LOCK: { actions: assign({ waiters: ({ context, event }) => [...context.waiters, event.by] }) },
        UNLOCK: { target: 'free', guard: 'is owner', actions: assign({ owner: null }) },
      },
    },
  },
});
