/** The model's section 5 conditions, as properties over seeds and timings. */
import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { run, scenario, stuckAtSpin } from './test-helpers';

const seed = fc.integer({ min: 1, max: 1_000_000 });

describe('when the hang can happen', () => {
  test.prop([seed, fc.integer({ min: 2, max: 8 }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 60, max: 400 })], {
    numRuns: 25,
  })('N -> M (M > 0) hangs exactly when more than M workers are bound for the GIL', (s, n, m0, at) => {
    const m = Math.min(m0, n - 1);
    const { sim, bound } = stuckAtSpin(
      scenario({
        seed: s,
        until: at + 300,
        config: { workers: n, commands: [{ at, text: `FT.CONFIG SET WORKERS ${m}` }] },
      }),
    );
    expect(bound).not.toBeNull();
    expect(sim.verdict !== null).toBe(bound!.length > m);
  });

  test.prop([seed, fc.integer({ min: 60, max: 400 })], { numRuns: 15 })(
    'no hang when no query needs the GIL',
    (s, at) => {
      const { report } = run({
        seed: s,
        until: at + 200,
        config: { loadFraction: 0, commands: [{ at, text: 'FT.CONFIG SET WORKERS 0' }] },
      });
      expect(report.outcome).toBe('ok');
      expect(report.replies[0].reply).toBe('OK');
    },
  );

  test.prop([seed, fc.constantFrom('prefix', 'fixed')], { numRuns: 10 })('no hang without load', (s, variant) => {
    const commands = [
      { at: 5, text: 'FT.SEARCH idx *' },
      { at: 50, text: 'FT.CONFIG SET WORKERS 0' },
    ];
    const { report } = run({ seed: s, variant, until: 200, config: { clients: 0, commands } });
    expect(report.outcome).toBe('ok');
    expect(report.replies.map((r) => r.reply)).toEqual(['1) (integer) 1000', 'OK']);
  });

  test.prop([seed], { numRuns: 10 })(
    'no hang when the pool never ran a job: terminate_when_empty returns at once',
    (s) => {
      const { sim, report } = run({
        seed: s,
        until: 100,
        config: { clients: 0, commands: [{ at: 20, text: 'FT.CONFIG SET WORKERS 0' }] },
      });
      expect(report.outcome).toBe('ok');
      expect(report.replies[0].reply).toBe('OK');
      expect(sim.trace.lanes.get('main')!.some((span) => span.kind === 'spinning')).toBe(false);
    },
  );

  test('the cycle needs no cluster, and the coordinator does not prevent it', () => {
    const standalone = [1, 2, 3, 4, 5, 6].some(
      (s) =>
        run({ seed: s, config: { shards: 1, commands: [{ at: 400, text: 'FT.CONFIG SET WORKERS 0' }] } }).report
          .outcome === 'deadlock',
    );
    const cluster = [1, 2, 3, 4, 5, 6].map(
      (s) => run({ seed: s, config: { shards: 3, commands: [{ at: 400, text: 'FT.CONFIG SET WORKERS 0' }] } }).report,
    );
    expect(standalone).toBe(true);
    const hung = cluster.filter((r) => r.outcome === 'deadlock');
    expect(hung.length).toBeGreaterThan(0);
    for (const r of hung) expect(r.cycle.some((n) => n.startsWith('coord-') || n.startsWith('search-uv-'))).toBe(false);
  });
});
