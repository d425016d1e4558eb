/**
 * Redis's own log lines (no module tag, unlike RediSearch's `<search>` lines),
 * and replies as `redis-cli` prints them, from the shared Redis layer.
 */
import type { LogRecord } from '../../engine/types';
import { formatLogLine as format, type Clock } from '../redis/log';

export { renderReply } from '../redis/reply';

/** `serverLogRaw`: `<pid>:M <dd Mon yyyy HH:MM:SS.mmm> <c> <message>`. */
export const formatLogLine = (clock: Clock, rec: LogRecord): string => format(clock, rec, null);
