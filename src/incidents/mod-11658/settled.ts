/**
 * When a run is settled: redis-cli has sent every scheduled command and
 * main has answered them all (it may be busy with clients' queries). Hangs
 * start inside a command or in the few milliseconds after it while old
 * threads drain (section 5 and 7 of the incident model), so a sampled
 * future can stop a short while after this.
 */
import type { WorldView } from '../../engine/types';

export function settled(w: WorldView<unknown>): boolean {
  const cli = w.snapshot('redis-cli')?.context as { commands: unknown[]; next: number } | undefined;
  if (cli && (cli.next < cli.commands.length || w.timer('redis-cli'))) return false;
  const current = (w.snapshot('main')?.context as { current: { replyTo?: string } | null } | undefined)?.current;
  if (current?.replyTo === 'redis-cli') return false;
  return !w.mailbox('main').some((m) => m.from === 'redis-cli');
}
