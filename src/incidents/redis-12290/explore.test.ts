import { describe, expect, it } from 'vitest';
import { DEFAULT_BOUNDS, exploreBounds, replay, type Bounds } from './explore';

const bounds = (over: Partial<Bounds>): Bounds => ({ variant: '7.2-rc2', ...DEFAULT_BOUNDS, ...over });

describe('the explorer (every interleaving of a bounded scenario)', () => {
  it('finds the loop in 7.2-rc2 with three readers, and the counterexample replays into it', () => {
    const b = bounds({ subscribers: 3 });
    const r = exploreBounds(b);
    expect(r.verdict).toBe('livelock-reachable');
    expect(r.cycle).toEqual(['main']);
    expect(r.explanation).toMatch(/handleClientsBlockedOnKey/);
    const { sim, report } = replay(b, [...r.counterexample!, ...r.loop!]);
    expect(report.outcome).toBe('livelock');
    expect(sim.verdict!.cycle).toEqual(['main']);
  });

  it('finds it in 7.2-rc2 with two readers when the entry cannot be served', () => {
    const r = exploreBounds(bounds({ subscribers: 2, serve: false }));
    expect(r.verdict).toBe('livelock-reachable');
  });

  it('proves 7.2-rc2 safe with one or two readers that can be served', () => {
    for (const subscribers of [1, 2]) {
      const r = exploreBounds(bounds({ subscribers, xadds: 2 }));
      expect(r.verdict, `${subscribers} readers`).toBe('safe');
      expect(r.states).toBeGreaterThan(10);
    }
  });

  for (const variant of ['7.2-rc3', '7.0']) {
    it(`proves ${variant} safe, whether or not the entry can be served`, () => {
      for (const [subscribers, serve, xadds] of [
        [3, true, 1],
        [3, false, 1],
        [2, true, 2],
        [2, false, 2],
      ] as const) {
        const r = exploreBounds(bounds({ variant, subscribers, serve, xadds }));
        expect(r.verdict, `${subscribers} readers, serve ${serve}, ${xadds} XADDs`).toBe('safe');
      }
    });
  }
});
