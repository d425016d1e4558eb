/**
 * An operator's kill, for any incident: the process ends at once. A signal
 * Redis catches (SIGSEGV) first writes its crash report; the reply redis-cli's
 * shell shows says what was sent; the run ends as a crash with that reason.
 */
import type { EffectContext } from '../../engine/types';
import { crashReport, type CrashInput } from './crashReport';

export interface Kill extends CrashInput {
  /** The command's id and text, for its note. */
  id: string;
  text: string;
}

export function killProcess<C, S>(c: EffectContext<C, S>, k: Kill): void {
  for (const line of crashReport(k)) c.log(line.level, line.message, { raw: line.raw, server: line.server });
  c.note('command', { id: k.id, text: k.text, shell: `(redis-server, pid ${k.pid}, was sent ${k.signal.name})` });
  // Two pids: the server's, and the sender's (`Killed by PID` in the crash report).
  c.crash(
    `redis-server (pid ${k.pid}) was killed by signal ${k.signal.number} (${k.signal.name}) from PID ${k.sender.pid}`,
  );
}
