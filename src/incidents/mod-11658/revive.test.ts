/**
 * The fix's residual risk (incident model §7), explored exhaustively rather
 * than sampled: WORKERS N -> 0 -> N, the second command at any point after
 * the first. The revive path (`verify_init`) waits on a barrier with the
 * GIL held while old threads still drain; with a query that LOADs in
 * flight, the cycle can close again.
 */
import { describe, expect, it } from 'vitest';
import { exploreBounds, replay } from './explore';

const bounds = (queries: number, loadFraction = 1) =>
  ({ variant: 'fixed', workers: 2, target: 0, then: 2, queries, loadFraction }) as const;

describe('fixed, WORKERS 2 -> 0 -> 2, every interleaving', () => {
  it('can deadlock again with two queries that LOAD: main waits in verify_init on a barrier, holding the GIL', () => {
    const r = exploreBounds(bounds(2));
    expect(r.verdict).toBe('deadlock-reachable');
    const { sim, report } = replay(bounds(2), r.counterexample!);
    expect(report.outcome).toBe('deadlock');
    expect(sim.verdict!.cycle).toEqual(r.cycle);
    expect(report.stacks.main.slice(0, 2)).toEqual(['barrier_wait_and_destroy', 'verify_init']);
  });

  it('cannot with one query, nor without LOAD', () => {
    expect(exploreBounds(bounds(1)).verdict).toBe('safe');
    expect(exploreBounds(bounds(2, 0)).verdict).toBe('safe');
  });

  it('a single command (2 -> 0) stays safe, as the fix promises', () => {
    expect(exploreBounds({ ...bounds(2), then: null }).verdict).toBe('safe');
  });
});
