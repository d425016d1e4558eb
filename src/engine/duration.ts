/** Parses the runner's time values: `30s`, `1500ms`, `1.5s`, `2m`, or plain milliseconds. */
export function parseDuration(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = m[2] ?? 'ms';
  return unit === 'ms' ? n : unit === 's' ? n * 1000 : n * 60_000;
}

/** Formats virtual milliseconds for people: `812.4 ms`, `1.204 s`. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${+ms.toFixed(3)} ms`;
  return `${+(ms / 1000).toFixed(4)} s`;
}
