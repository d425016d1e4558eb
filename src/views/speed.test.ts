import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { AUTO, autoSpeed } from './speed';

/** Real seconds to play from 0 to `end` at the automatic speed (small fixed steps of virtual time). */
function secondsTo(end: number, events: number[]): number {
  let s = 0;
  for (let t = 0; t < end;) {
    const v = autoSpeed(t, events);
    const dt = Math.min(0.01, end - t);
    s += dt / v;
    t += dt;
  }
  return s;
}

describe('automatic speed', () => {
  it('reaches the default scenario\u2019s hang (command at 500 ms, cycle 0.2 ms later) in seconds', () => {
    const s = secondsTo(500.3, [500, 500.2]);
    expect(s).toBeLessThan(8);
    expect(s).toBeGreaterThan(1);
  });
  it('is slowest at an event and fastest far from one', () => {
    expect(autoSpeed(500, [500])).toBe(AUTO.slow);
    expect(autoSpeed(0, [500])).toBe(AUTO.fast);
    expect(autoSpeed(0, [])).toBe(AUTO.fast);
  });
  test.prop([fc.double({ min: 0, max: 1000, noNaN: true }), fc.double({ min: 0, max: 1000, noNaN: true })])(
    'slows down while an event comes closer',
    (a, b) => {
      const [early, late] = a < b ? [a, b] : [b, a];
      // `late` is nearer the event at 1000 ms: never faster than `early`.
      expect(autoSpeed(late, [1000])).toBeLessThanOrEqual(autoSpeed(early, [1000]));
    },
  );
});
