/**
 * `redis-cli`, the operator: sends each scheduled command at its moment,
 * each on a fresh connection (so a hung server leaves every later one
 * unanswered too), and notes each reply it reads. Every incident has one.
 */
import { withCommandIds } from '../incidents/commandIds';
import { assign, enqueueActions, setup } from 'xstate';
import { effects } from './effects';
import type { StateMeta } from '../engine/types';

const meta = (m: StateMeta) => m;

/** The effect the incident interprets: send command `index` (in time order) of the schedule, known by `id`. */
const operatorEffects = {
  ...effects,
  command: (_: unknown, _p: { text: string; index: number; id: string }) => {},
};

export interface ScheduledCommand {
  at: number;
  text: string;
  /** The page's name for it, carried into the run's notes and replies; `cmd-<n>` by list order when absent. */
  id?: string;
}

/** Each command with its id (the page's, or `cmd-<n>` by its place in the list), in time order. */
export function scheduleOf(commands: readonly ScheduledCommand[]): Required<ScheduledCommand>[] {
  // The page's own rule for missing ids (withCommandIds), so a link and the page name commands alike.
  return [...withCommandIds(commands)].sort((a, b) => a.at - b.at);
}

/** Arms the timer for the next scheduled command, if any. */
const armNext = enqueueActions(({ context, enqueue }) => {
  const c = context as { commands: Required<ScheduledCommand>[]; next: number };
  const next = c.commands[c.next];
  if (next) enqueue({ type: 'after', params: { event: { type: 'SEND' }, at: next.at } } as never);
});

export const operatorMachine = setup({
  types: {
    context: {} as { id: string; commands: Required<ScheduledCommand>[]; next: number },
    events: {} as { type: 'SEND' } | { type: 'REPLY'; id: string },
    input: {} as { id: string; commands: ScheduledCommand[] },
  },
  actions: operatorEffects,
}).createMachine({
  id: 'operator',
  initial: 'ready',
  context: ({ input }) => ({ id: input.id, commands: scheduleOf(input.commands), next: 0 }),
  entry: armNext as never,
  states: {
    ready: {
      meta: meta({ span: 'idle', fn: 'redis-cli', inbox: true }),
      on: {
        SEND: {
          actions: [
            {
              type: 'command',
              params: ({ context }) => {
                const c = context.commands[context.next];
                return { text: c.text, index: context.next, id: c.id };
              },
            },
            assign({ next: ({ context }) => context.next + 1 }),
            armNext as never,
          ],
        },
        REPLY: {
          actions: { type: 'note', params: ({ event }) => ({ kind: 'completed', id: event.id, client: 'redis-cli' }) },
        },
      },
    },
  },
});
