/** Words and numbers for the views. */
import type { PackedTrace } from '../engine/packed';

export { formatMs } from '../engine/duration';

export function describeSpan(p: PackedTrace, i: number) {
  return {
    state: p.strings[p.state[i]],
    fn: p.strings[p.fn[i]],
    start: p.start[i],
    duration: p.end[i] - p.start[i],
  };
}

/** What a span's thread was waiting for when the span began, from the wait-for intervals. */
export function waitOfSpan(
  p: PackedTrace,
  actor: string,
  span: number,
  locks: Record<string, string> = {},
): string | null {
  const w = p.waits;
  const t = p.start[span] + 1e-9;
  const id = p.strings.indexOf(actor);
  if (id < 0) return null;
  for (let i = 0; i < w.from.length; i++) {
    if (w.from[i] !== id || w.start[i] > t || w.end[i] <= t) continue;
    const kind = p.waitKinds[w.kind[i]];
    const to = p.strings[w.to[i]];
    if (kind === 'waits for lock') {
      for (let j = 0; j < w.from.length; j++) {
        if (p.strings[w.from[j]] === to && p.waitKinds[w.kind[j]] === 'held by' && w.start[j] <= t && w.end[j] > t) {
          return `waits for the ${locks[to] ?? to}, held by ${p.strings[w.to[j]]}`;
        }
      }
      return `waits for the ${locks[to] ?? to}`;
    }
    return `${kind} ${to}`;
  }
  return null;
}
