/**
 * What redis-cli printed for each command it sent, from the trace's notes
 * (`command` when sent, `reply` when the server wrote it, `completed` when
 * redis-cli read it), for any incident whose operator is `redis-cli`.
 */
import type { Note } from '../../engine/trace';
import type { Reply } from '../../machines/resp';
import type { CommandReply } from '../module';
import { renderReply } from './reply';

export function commandReplies(notes: readonly Note[]): CommandReply[] {
  const out = new Map<string, CommandReply>();
  for (const n of notes) {
    const d = n.data as Record<string, unknown>;
    if (n.kind === 'command') {
      const entry: CommandReply = {
        id: d.id as string,
        at: n.t,
        command: d.text as string,
        reply: null,
        repliedAt: null,
      };
      // A shell command (kill): its own output, at once; the server is not asked.
      if (typeof d.shell === 'string') {
        entry.reply = d.shell;
        entry.repliedAt = n.t;
      }
      if (typeof d.clientError === 'string') {
        entry.clientError = d.clientError;
        entry.reply = d.clientError;
        entry.repliedAt = n.t;
      }
      out.set(entry.id, entry);
    } else if (n.kind === 'reply' && d.to === 'redis-cli') {
      const e = out.get(d.id as string);
      if (e) e.reply = renderReply(d.reply as Reply);
    } else if (n.kind === 'completed' && d.client === 'redis-cli') {
      const e = out.get(d.id as string);
      if (e) e.repliedAt = n.t;
    }
  }
  // A reply counts once redis-cli has read it.
  for (const e of out.values()) if (e.repliedAt === null) e.reply = null;
  return [...out.values()];
}
