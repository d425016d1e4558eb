/** Parses the runner's time values: `30s`, `1500ms`, `1.5s`, `2m`, or plain milliseconds. */
export function parseDuration(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = m[2] ?? 'ms';
  return unit === 'ms' ? n : unit === 's' ? n * 1000 : n * 60_000;
}

/** Formats virtual milliseconds for people: `40 µs`, `812.4 ms`, `1.204 s` (the runner and the views alike). */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '∞';
  const a = Math.abs(ms);
  if (a === 0) return '0 ms';
  if (a < 1) return `${+(ms * 1000).toFixed(1)} µs`;
  if (a < 1000) return `${+ms.toFixed(3)} ms`;
  return `${+(ms / 1000).toFixed(4)} s`;
}
