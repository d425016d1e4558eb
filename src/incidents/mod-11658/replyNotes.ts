/**
 * Why a WORKERS change answered at once, in MOD-11658's words: the run notes
 * (`idle pool`) when the setter found the pool UNINITIALIZED, i.e. it had run
 * no job since it was sized, so no worker thread had been started and the
 * shrink had nothing to wait for. Computed from the run, never from the text.
 */
import type { Note } from '../../engine/trace';
import type { CommandReply } from '../module';

/** What the reader would otherwise not see: the pool creates its threads lazily, on its first job. */
export function idlePoolNote(fn: string, from: number, to: number): string {
  const none = `the workers pool had run no job yet, so none of its ${from} threads had been started (the pool creates them on its first job)`;
  if (fn === 'redisearch_thpool_terminate_when_empty')
    return (
      // Of this command only: a later one may still hang the run, and a variant may never hang at all.
      `OK at once: ${none}. redisearch_thpool_terminate_when_empty returns at once on such a ` +
      `pool (THPOOL_UNINITIALIZED): no barrier, nothing for the main thread to wait for, so this resize cannot hang. ` +
      `Queries now run on the main thread. Sent once queries have reached the workers (a few ms in), the same ` +
      `command finds their threads running and waits for them at a barrier.`
    );
  if (fn === 'redisearch_thpool_remove_threads')
    return `OK at once: ${none}; redisearch_thpool_remove_threads only lowers n_threads from ${from} to ${to} on such a pool, with nothing to wait for.`;
  return `OK at once: ${none}; ${fn} has no thread to stop, so nothing is scheduled.`;
}

/** The replies with the run's notes on them (by the command's id). */
export function withNotes(replies: CommandReply[], notes: readonly Note[]): CommandReply[] {
  const why = new Map<string, string>();
  for (const n of notes) {
    if (n.kind !== 'idle pool') continue;
    const d = n.data as { id: string | null; fn: string; from: number; to: number };
    if (d.id) why.set(d.id, idlePoolNote(d.fn, d.from, d.to));
  }
  if (!why.size) return replies;
  return replies.map((r) => (why.has(r.id) && r.reply !== null ? { ...r, note: why.get(r.id) } : r));
}
