/**
 * Ids of scheduled commands, the one key between a command in the schedule
 * and its reply in a run. A command without one (from a share link, a tour
 * chapter, a preset) is `cmd-<n>`, n its place in the list, as the operator
 * names it; a new command takes the next number, so ids never change while
 * the page edits the schedule, and a reply is never matched by text and time.
 */
import type { CommandReply, ScheduledCommand } from './module';

const numberOf = (id: string | undefined) => Number(/^cmd-(\d+)$/.exec(id ?? '')?.[1] ?? 0);

/** The list with every id filled in (the same array when none was missing). */
export function withCommandIds<C extends ScheduledCommand>(commands: readonly C[]): (C & { id: string })[] {
  if (commands.every((c) => c.id)) return commands as (C & { id: string })[];
  const used = new Set(commands.map((c) => c.id).filter(Boolean));
  let spare = Math.max(0, ...commands.map((c) => numberOf(c.id)));
  return commands.map((c, i) => {
    if (c.id) return c as C & { id: string };
    // By list order, as the operator would; past the highest number in use if that name is taken.
    let id = `cmd-${i + 1}`;
    if (used.has(id)) id = `cmd-${++spare}`;
    used.add(id);
    spare = Math.max(spare, numberOf(id));
    return { ...c, id };
  });
}

/** A fresh id for a command added to `commands`, also unlike any in `taken` (e.g. ids the console still shows). */
export function nextCommandId(commands: readonly ScheduledCommand[], taken: Iterable<string> = []): string {
  const ids = [...withCommandIds(commands).map((c) => c.id), ...taken].map(numberOf);
  return `cmd-${Math.max(0, ...ids) + 1}`;
}

/** The reply to the command with this id in a run's replies, if it was sent. */
export const replyById = (replies: readonly CommandReply[] | undefined, id: string): CommandReply | undefined =>
  replies?.find((r) => r.id === id);
