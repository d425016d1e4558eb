import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { badState } from '../../engine/explorer';
import { createSimulation } from './scenario';
import {
  cells,
  deal,
  forEachRun,
  jobs,
  loadGrid,
  loadLabels,
  runJob,
  sweepScenario,
  undeal,
  type SweepSpec,
} from './sweep';

const spec = (over: Partial<SweepSpec>): SweepSpec => ({
  variant: 'prefix',
  workers: 8,
  target: 0,
  seeds: 12,
  at: [8, 12],
  loads: [
    { clients: 20, loadFraction: 0, aggregateFraction: 0.2, shards: 1 },
    { clients: 20, loadFraction: 1, aggregateFraction: 0.2, shards: 1 },
  ],
  windowMs: 3,
  ...over,
});

const grid = (s: SweepSpec) => {
  const js = jobs(s);
  return cells(
    s,
    js,
    js.map((j) => runJob(s, j)),
  );
};

describe('the race-window sweep', () => {
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
    const s = spec({
      seeds: 6,
      at: [10],
      loads: [{ clients: 20, loadFraction: 1, aggregateFraction: 0.2, shards: 1 }],
    });
    for (const j of jobs(s)) {
      const full = run({
        seed: j.seed,
        until: 40,
        config: { clients: 20, ping: false, commands: [{ at: 10, text: 'FT.CONFIG SET WORKERS 0' }] },
      });
      expect(runJob(s, j), `seed ${j.seed}`).toEqual([full.report.outcome === 'deadlock' ? 'hang' : 'ok']);
    }
  });

  it('sharing the run up to each command changes nothing: every run ends in the world of its own run alone', () => {
    // Moments out of order, repeated, at 0 and between the scheduler's steps.
    const s = spec({ seeds: 4, at: [12, 0, 7.25, 12, 3] });
    let hangs = 0;
    for (const j of jobs(s)) {
      const outcomes = runJob(s, j);
      forEachRun(s, j, (i, shared) => {
        const at = s.at[i];
        const alone = createSimulation(sweepScenario(s, j, at));
        alone.run({ until: at + s.windowMs });
        const what = `load ${j.load} seed ${j.seed} at ${at}`;
        expect(shared.stateKey(), what).toBe(alone.stateKey());
        expect([shared.view.t, shared.view.step], what).toEqual([alone.view.t, alone.view.step]);
        expect(outcomes[i], what).toBe(badState(alone) ? 'hang' : 'ok');
        if (outcomes[i] === 'hang') hangs++;
      });
    }
    expect(hangs).toBeGreaterThan(0);
  });
});

describe('the loads of a sweep', () => {
  it('are every combination, labelled by what varies', () => {
    const loads = loadGrid({ clients: [10, 20], loadFractions: [1], aggregateFractions: [0, 1], shards: [1] });
    expect(loads).toHaveLength(4);
    expect(loadLabels(loads, false)).toEqual([
      '10 clients, 1 LOAD, 0 AGGREGATE',
      '20 clients, 1 LOAD, 0 AGGREGATE',
      '10 clients, 1 LOAD, 1 AGGREGATE',
      '20 clients, 1 LOAD, 1 AGGREGATE',
    ]);
    expect(
      loadLabels(loadGrid({ clients: [5], loadFractions: [0.5], aggregateFractions: [0.2], shards: [1, 3] }), true),
    ).toEqual(['5c 0.5L 1sh', '5c 0.5L 3sh']);
  });

  it('hang without the coordinator (one shard) and with it, whatever the query mix, and never without LOAD', () => {
    const s = spec({
      seeds: 8,
      at: [10],
      loads: loadGrid({ clients: [20], loadFractions: [0, 1], aggregateFractions: [0, 1], shards: [1, 2] }),
    });
    const [row] = grid(s);
    s.loads.forEach((l, i) => {
      if (l.loadFraction === 0) expect(row[i].hangs, loadLabels(s.loads, true)[i]).toBe(0);
    });
    const standalone = s.loads.findIndex((l) => l.loadFraction === 1 && l.shards === 1 && l.aggregateFraction === 0);
    expect(row[standalone].hangs).toBeGreaterThan(0);
  });
});

describe('dealing jobs to workers', () => {
  it('gives every job to exactly one worker and puts the results back in order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 60 }), fc.integer({ min: 1, max: 9 }), (js, n) => {
        const parts = deal(js, n);
        expect(parts.length).toBe(Math.min(n, js.length));
        expect(undeal(parts.map((p) => p.map((x) => x * 2)))).toEqual(js.map((x) => x * 2));
      }),
    );
  });
});
