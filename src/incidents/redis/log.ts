/**
 * Redis's log line format (`serverLogRaw` + `moduleLogRaw`):
 * `<pid>:M <dd Mon yyyy HH:MM:SS.mmm> <c> <search> <message>` where `<c>` is
 * `.` debug, `-` verbose, `*` notice, `#` warning. Wall-clock time is the
 * incident's start plus virtual milliseconds, computed in UTC so it is the
 * same everywhere.
 */
import type { LogLevel, LogRecord } from '../../engine/types';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const LEVEL_CHAR: Record<LogLevel, string> = { debug: '.', verbose: '-', notice: '*', warning: '#' };
const RANK: Record<LogLevel, number> = { debug: 0, verbose: 1, notice: 2, warning: 3 };

export interface Clock {
  /** Milliseconds since the epoch (UTC) at virtual time 0. */
  startUtcMs: number;
  pid: number;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `30 Sep 2025 09:17:03.726` for the virtual time `t` ms. */
export function wallClock(clock: Clock, t: number): string {
  const d = new Date(clock.startUtcMs + Math.floor(t));
  return `${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes(),
  )}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}

/** A module's line carries its name (`<search>`); Redis's own lines (module null) have none. */
export function formatLogLine(clock: Clock, rec: LogRecord, module: string | null = 'search'): string {
  if (rec.raw) return rec.message;
  const tag = module === null || rec.server ? '' : `<${module}> `;
  return `${clock.pid}:M ${wallClock(clock, rec.t)} ${LEVEL_CHAR[rec.level]} ${tag}${rec.message}`;
}

/** Lines Redis would print at `loglevel` (a line prints when its level is at least that). */
export function visibleAt(loglevel: LogLevel, level: LogLevel): boolean {
  return RANK[level] >= RANK[loglevel];
}
