/**
 * `redis-cli`, the operator: sends each scheduled command at its moment,
 * each on a fresh connection (so a hung server leaves every later one
 * unanswered too), and notes each reply it reads. Every incident has one.
 * It is the one actor that holds the schedule: `firstChange` and
 * `rescheduled` say how another schedule changes a run, and from when.
 */
import { withCommandIds } from '../incidents/commandIds';
import { assign, enqueueActions, setup } from 'xstate';
import { effects } from './effects';
import type { Snapshot, StateMeta, Timer } from '../engine/types';

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

type OperatorContext = { id: string; commands: Required<ScheduledCommand>[]; next: number };

const sameCommand = (a: ScheduledCommand | undefined, b: ScheduledCommand | undefined) =>
  a === b || (!!a && !!b && a.at === b.at && a.text === b.text && a.id === b.id);

/** How many commands two schedules (in time order) share before they differ. */
const sharedPrefix = (a: readonly ScheduledCommand[], b: readonly ScheduledCommand[]) => {
  let k = 0;
  while (k < Math.max(a.length, b.length) && sameCommand(a[k], b[k])) k++;
  return k;
};

/**
 * The moment from which two schedules can make a difference: the earlier of
 * their first differing commands (Infinity when they are the same). Before
 * it, the operator sends the same commands at the same times under both.
 */
export function firstChange(a: readonly ScheduledCommand[], b: readonly ScheduledCommand[]): number {
  const [x, y] = [scheduleOf(a), scheduleOf(b)];
  const k = sharedPrefix(x, y);
  return Math.min(x[k]?.at ?? Infinity, y[k]?.at ?? Infinity);
}

/**
 * The operator's snapshot and timer at virtual time `t` had it been given
 * `commands` from the start, or null when that cannot be told from here
 * (it has already sent a command the new schedule does not have, or where
 * the schedules part, either one's next command was due by `t`). Its context
 * holds the whole schedule and its timer the next command's moment; nothing
 * else in it depends on them.
 */
export function rescheduled(
  snapshot: Snapshot,
  timer: Timer | undefined,
  commands: readonly ScheduledCommand[],
  t: number,
): { snapshot: Snapshot; timer: Timer | undefined } | null {
  const c = snapshot.context as OperatorContext;
  const schedule = scheduleOf(commands);
  if (sharedPrefix(c.commands, schedule) < c.next) return null;
  const [was, next] = [c.commands[c.next], schedule[c.next]];
  const same = sameCommand(was, next);
  // A timer armed when the previous command went (by `t`) for a command due after `t` is set for that moment;
  // one due by `t` may have been among the moves due with others, and the runs may have split there.
  if (!same && ((was && was.at <= t) || (next && next.at <= t))) return null;
  return {
    snapshot: { ...snapshot, context: { ...c, commands: schedule } },
    timer: same ? timer : next && { at: next.at, event: { type: 'SEND' } },
  };
}

/** Arms the timer for the next scheduled command, if any. */
const armNext = enqueueActions(({ context, enqueue }) => {
  const c = context as OperatorContext;
  const next = c.commands[c.next];
  if (next) enqueue({ type: 'after', params: { event: { type: 'SEND' }, at: next.at } } as never);
});

export const operatorMachine = setup({
  types: {
    context: {} as OperatorContext,
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
