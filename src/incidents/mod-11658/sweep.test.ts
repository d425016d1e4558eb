import { describe, expect, it } from 'vitest';
import { cells, jobs, runJob, type SweepSpec } from './sweep';

const spec = (over: Partial<SweepSpec>): SweepSpec => ({
  variant: 'prefix',
  workers: 8,
  target: 0,
  seeds: 12,
  at: [8, 12],
  loads: [
    { clients: 20, loadFraction: 0, shards: 1 },
    { clients: 20, loadFraction: 1, shards: 1 },
  ],
  windowMs: 3,
  ...over,
});

describe('the race-window sweep', () => {
  const grid = (s: SweepSpec) => {
    const js = jobs(s);
    return cells(
      s,
      js,
      js.map((j) => runJob(s, j)),
    );
  };

  it('finds hangs only where a query needs the GIL, and none with the fix', () => {
    const prefix = grid(spec({}));
    for (const row of prefix) {
      expect(row[0]).toEqual({ runs: 12, hangs: 0, crashes: 0 });
      expect(row[1].runs).toBe(12);
    }
    expect(prefix.reduce((n, row) => n + row[1].hangs, 0)).toBeGreaterThan(0);
    for (const row of grid(spec({ variant: 'fixed' }))) for (const c of row) expect(c.hangs + c.crashes).toBe(0);
  });

  it('a sweep cell agrees with full runs of the same seeds', async () => {
    const { run } = await import('./test-helpers');
    const s = spec({ seeds: 6, at: [10], loads: [{ clients: 20, loadFraction: 1, shards: 1 }] });
    const js = jobs(s);
    for (const j of js) {
      const full = run({
        seed: j.seed,
        until: 40,
        config: { clients: 20, ping: false, commands: [{ at: 10, text: 'FT.CONFIG SET WORKERS 0' }] },
      });
      expect(runJob(s, j), `seed ${j.seed}`).toBe(full.report.outcome === 'deadlock' ? 'hang' : 'ok');
    }
  });
});
