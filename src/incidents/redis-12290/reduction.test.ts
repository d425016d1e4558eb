/**
 * The explorer's reductions are sound on Redis #12290, whose hang is an
 * endless loop (a non-progress cycle): on every small bound of every variant
 * (readers x XADDs up to 4) the reduced search gives the unreduced verdict, the same shortest schedule
 * to the loop and the same turn length, and the schedule replays into it.
 */
import { describe, expect, it } from 'vitest';
import { UNREDUCED } from '../../engine/reductions';
import { exploreBounds, replay, type Bounds } from './explore';

const CASES: [string, number, boolean, number][] = [];
for (const variant of ['7.2-rc2', '7.2-rc3', '7.0'])
  for (const subscribers of [1, 2, 3])
    for (const serve of [true, false])
      for (const xadds of [1, 2]) if (subscribers * xadds <= 4) CASES.push([variant, subscribers, serve, xadds]);

describe('reductions against the unreduced search (Redis #12290)', () => {
  it.each(CASES)('%s, %i readers, serve %s, %i XADDs', (variant, subscribers, serve, xadds) => {
    const b: Bounds = { variant, subscribers, serve, xadds };
    const full = exploreBounds(b, UNREDUCED);
    const reduced = exploreBounds(b);
    expect(full.verdict).not.toBe('incomplete');
    expect(reduced.verdict).toBe(full.verdict);
    expect(reduced.counterexample?.length ?? null).toBe(full.counterexample?.length ?? null);
    expect(reduced.loop?.length ?? null).toBe(full.loop?.length ?? null);
    expect(reduced.states).toBeLessThanOrEqual(full.states);
    if (reduced.verdict === 'livelock-reachable') {
      const { report } = replay(b, [...reduced.counterexample!, ...reduced.loop!]);
      expect(report.outcome).toBe('livelock');
    }
  });
});
