/**
 * The explorer's reductions are sound on MOD-11658: on every grid bound
 * small enough for the unreduced search, the reduced search gives the same
 * verdict and the same shortest counterexample length, never visits more
 * states, and its counterexample is a real schedule (real thread names)
 * that replays as a run into the same hang.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { UNREDUCED } from '../../engine/reductions';
import { expectedVerdict } from '../../cli/exploreGrid';
import { exploreBounds, replay, type Bounds } from './explore';
import { VARIANT_INFO } from './variants';

/**
 * Grid configurations (variant, N, M, Q, LOAD) whose unreduced search has at
 * most about 15,000 states (measured), plus the bounded default, fixed
 * WORKERS 2 -> 0 with 2 queries (33,367 states).
 */
const SMALL: [string, number, number, number, number][] = [
  ['prefix', 1, 0, 1, 1],
  ['prefix', 1, 0, 2, 1],
  ['prefix', 1, 0, 3, 1],
  ['prefix', 2, 0, 1, 1],
  ['prefix', 2, 0, 2, 1],
  ['prefix', 2, 0, 3, 1],
  ['prefix', 2, 1, 1, 1],
  ['prefix', 2, 1, 2, 1],
  ['prefix', 2, 1, 3, 1],
  ['prefix', 3, 0, 1, 1],
  ['prefix', 3, 0, 2, 1],
  ['prefix', 3, 0, 3, 1],
  ['prefix', 3, 1, 1, 1],
  ['prefix', 3, 1, 2, 1],
  ['prefix', 3, 2, 1, 1],
  ['prefix', 4, 0, 1, 1],
  ['prefix', 4, 0, 2, 1],
  ['prefix', 4, 3, 1, 1],
  ['prefix', 1, 0, 1, 0],
  ['prefix', 1, 0, 2, 0],
  ['prefix', 2, 0, 1, 0],
  ['prefix', 2, 1, 1, 0],
  ['prefix', 2, 1, 2, 0],
  ['prefix', 3, 0, 1, 0],
  ['prefix', 3, 1, 1, 0],
  ['prefix', 3, 2, 1, 0],
  ['prefix', 4, 3, 1, 0],
  ['prefix', 2, 0, 0, 1],
  ['fixed', 1, 0, 1, 1],
  ['fixed', 1, 0, 2, 1],
  ['fixed', 2, 0, 1, 1],
  ['fixed', 2, 1, 1, 1],
  ['fixed', 3, 0, 1, 1],
  ['fixed', 3, 1, 1, 1],
  ['fixed', 3, 2, 1, 1],
  ['fixed', 4, 3, 1, 1],
  ['fixed', 1, 0, 1, 0],
  ['fixed', 1, 0, 2, 0],
  ['fixed', 2, 0, 1, 0],
  ['fixed', 2, 1, 1, 0],
  ['fixed', 2, 1, 2, 0],
  ['fixed', 3, 1, 1, 0],
  ['fixed', 3, 2, 1, 0],
  ['fixed', 2, 0, 2, 1],
];

const factors: string[] = [];

describe('reductions against the unreduced search (MOD-11658)', () => {
  it.each(SMALL)('%s WORKERS %i -> %i, %i queries, LOAD %i', (variant, workers, target, queries, loadFraction) => {
    const b: Bounds = { variant, workers, target, queries, loadFraction };
    const full = exploreBounds(b, UNREDUCED);
    const reduced = exploreBounds(b);
    expect(full.verdict).not.toBe('incomplete');
    expect(reduced.verdict).toBe(full.verdict);
    // The model's own conditions (§5) hold for both.
    expect(full.verdict).toBe(expectedVerdict(b));
    expect(reduced.counterexample?.length ?? null).toBe(full.counterexample?.length ?? null);
    expect(reduced.states).toBeLessThanOrEqual(full.states);
    factors.push(
      `${variant} ${workers}->${target} Q${queries} L${loadFraction}: x${(full.states / reduced.states).toFixed(2)}`,
    );
    if (reduced.counterexample) {
      // A real schedule: it replays, under its own names, into the same cycle.
      const { report } = replay(b, reduced.counterexample);
      expect(report.outcome).toBe('deadlock');
      expect(report.cycle).toEqual(reduced.cycle);
    }
  });

  it.each(SMALL.filter(([variant, , , queries]) => variant === 'fixed' && queries > 0))(
    'partial-order reduction alone: %s WORKERS %i -> %i, %i queries, LOAD %i',
    (variant, workers, target, queries, loadFraction) => {
      const b: Bounds = { variant, workers, target, queries, loadFraction };
      const full = exploreBounds(b, UNREDUCED);
      const por = exploreBounds(b, { ...UNREDUCED, partialOrder: true });
      expect(por.verdict).toBe(full.verdict);
      expect(por.states).toBeLessThanOrEqual(full.states);
      expect(por.transitions).toBeLessThan(full.transitions);
    },
  );

  // Every variant, the proposals that crash (a use-after-free) and the ones that still hang included.
  const VARIANTS = VARIANT_INFO.flatMap((v) =>
    (
      [
        [2, 0, 1],
        [1, 0, 2],
        [2, 1, 2],
      ] as const
    ).map(([workers, target, queries]) => [v.id, workers, target, queries] as const),
  );
  it.each(VARIANTS)('every variant: %s WORKERS %i -> %i, %i queries', (variant, workers, target, queries) => {
    const b: Bounds = { variant, workers, target, queries, loadFraction: 1 };
    const full = exploreBounds(b, UNREDUCED);
    const reduced = exploreBounds(b);
    expect(full.verdict).not.toBe('incomplete');
    expect(reduced.verdict).toBe(full.verdict);
    expect(reduced.counterexample?.length ?? null).toBe(full.counterexample?.length ?? null);
    expect(reduced.cycle).toEqual(full.cycle);
  });

  it('merges states where actors are interchangeable (the reduction is not a no-op)', () => {
    const b: Bounds = { variant: 'fixed', workers: 2, target: 0, queries: 2, loadFraction: 1 };
    expect(exploreBounds(b).states).toBeLessThan(exploreBounds(b, UNREDUCED).states);
  });

  afterAll(() => {
    // Reduction factors (unreduced states / reduced states), for the record.
    console.info(`reduction factors: ${factors.join(', ')}`);
  });
});
