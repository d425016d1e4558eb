/** Parses the runner's time values: `30s`, `1500ms`, `1.5s`, `2m`, `8h`, or plain milliseconds. */
export function parseDuration(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = m[2] ?? 'ms';
  return unit === 'ms' ? n : unit === 's' ? n * 1000 : unit === 'm' ? n * 60_000 : n * 3_600_000;
}

/** Formats virtual milliseconds for people: `40 µs`, `812.4 ms`, `1.204 s`, `4.94 min`, `7.72 h` (the runner and the views alike). */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '∞';
  const a = Math.abs(ms);
  if (a === 0) return '0 ms';
  if (a < 1) return `${+(ms * 1000).toFixed(1)} µs`;
  if (a < 1000) return `${+ms.toFixed(3)} ms`;
  if (a < 60_000) return `${+(ms / 1000).toFixed(4)} s`;
  // A hung server's hours: minutes and hours, not thousands of seconds.
  if (a < 3_600_000) return `${+(ms / 60_000).toFixed(2)} min`;
  return `${+(ms / 3_600_000).toFixed(2)} h`;
}
