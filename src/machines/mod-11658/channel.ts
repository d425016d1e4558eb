/**
 * `MRChannel` (`src/coord/rmr/chan.c`): the queue through which the
 * `search-uv` thread hands shard replies to a coord thread running
 * FT.AGGREGATE. `MRChannel_Pop` waits on a condition with no timeout.
 */
import { assign, setup } from 'xstate';
import { effects } from '../effects';

export interface ChannelContext {
  items: number;
  closed: boolean;
  /** Shards whose reply has not been pushed yet (`local` is this shard's own main). */
  awaiting: string[];
}

export type ChannelEvent = { type: 'PUSH'; shard: string } | { type: 'CLOSE' } | { type: 'POP'; by: string };

export const channelMachine = setup({
  types: { context: {} as ChannelContext, events: {} as ChannelEvent, input: {} as { shards: string[] } },
  actions: effects,
  guards: {
    'has item': ({ context }) => context.items > 0,
    closed: ({ context }) => context.closed,
  },
}).createMachine({
  id: 'channel',
  initial: 'open',
  context: ({ input }) => ({ items: 0, closed: false, awaiting: input.shards }),
  states: {
    open: {
      on: {
        // A waiting coord thread is woken by the condition; the scheduler offers it a POP.
        PUSH: {
          actions: assign({
            items: ({ context }) => context.items + 1,
            awaiting: ({ context, event }) => context.awaiting.filter((s) => s !== event.shard),
          }),
        },
        CLOSE: { actions: assign({ closed: true }) },
        POP: [
          {
            guard: 'has item',
            actions: [
              { type: 'send', params: ({ event }) => ({ to: event.by, event: { type: 'CHAN_ITEM' } }) },
              assign({ items: ({ context }) => context.items - 1 }),
            ],
          },
          {
            guard: 'closed',
            actions: { type: 'send', params: ({ event }) => ({ to: event.by, event: { type: 'CHAN_CLOSED' } }) },
          },
          { actions: { type: 'send', params: ({ event }) => ({ to: event.by, event: { type: 'CHAN_WAIT' } }) } },
        ],
      },
    },
  },
});
