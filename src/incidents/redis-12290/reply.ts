/**
 * Replies as `redis-cli` prints them, and Redis's own log lines. The shared
 * helpers in ../redis cover neither a null reply nor a core log line (they
 * print `<search>` module lines), so this incident adds both here.
 */
import type { LogRecord } from '../../engine/types';
import type { Reply } from '../../machines/redis-12290/model';
import { renderReply as renderShared } from '../redis/reply';
import { LEVEL_CHAR, wallClock, type Clock } from '../redis/log';

export function renderReply(r: Reply, indent = 0): string {
  if (r.kind === 'nil') return '(nil)';
  if (r.kind !== 'array') return renderShared(r);
  if (!r.items.length) return '(empty array)';
  const width = String(r.items.length).length;
  return r.items
    .map((item, i) => {
      const label = `${String(i + 1).padStart(width)}) `;
      return (i === 0 ? '' : ' '.repeat(indent)) + label + renderReply(item, indent + label.length);
    })
    .join('\n');
}

/** `serverLogRaw`: `<pid>:M <dd Mon yyyy HH:MM:SS.mmm> <c> <message>`. */
export function formatLogLine(clock: Clock, rec: LogRecord): string {
  return `${clock.pid}:M ${wallClock(clock, rec.t)} ${LEVEL_CHAR[rec.level]} ${rec.message}`;
}
