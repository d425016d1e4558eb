/** Properties of every run: one GIL owner, determinism, replay, seeking back, and the fix. */
import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { createSimulation } from './scenario';
import { digest, run, scenario } from './test-helpers';
import type { MutexContext } from '../../machines/mutex';
import type { Scenario } from './scenario';

const command = fc.oneof(
  fc.integer({ min: 0, max: 16 }).map((n) => `FT.CONFIG SET WORKERS ${n}`),
  fc.integer({ min: 0, max: 16 }).map((n) => `CONFIG SET search-workers ${n}`),
  fc.constantFrom(
    'PING',
    'FT.CONFIG GET WORKERS',
    'FT.SEARCH idx *',
    'FT.CONFIG SET WORKERS 99',
    'CONFIG SET search-workers x',
  ),
);
const injections = fc.array(fc.record({ at: fc.integer({ min: 0, max: 300 }), text: command }), { maxLength: 4 });
const world = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  variant: fc.constantFrom('prefix', 'fixed'),
  workers: fc.integer({ min: 0, max: 8 }),
  clients: fc.integer({ min: 0, max: 12 }),
  shards: fc.constantFrom(1, 1, 3),
  loadFraction: fc.constantFrom(0, 0.5, 1),
  commands: injections,
});
type World = {
  seed: number;
  variant: string;
  workers: number;
  clients: number;
  shards: number;
  loadFraction: number;
  commands: { at: number; text: string }[];
};
const toScenario = (w: World, until = 350): Scenario =>
  scenario({
    seed: w.seed,
    variant: w.variant,
    until,
    config: {
      workers: w.workers,
      clients: w.clients,
      shards: w.shards,
      loadFraction: w.loadFraction,
      coordThreads: 4,
      commands: w.commands,
    },
  });

const HOLDS_GIL = new Set(['holdGil', 'spinning']);

describe('invariants', () => {
  test.prop([world], { numRuns: 200 })('never two GIL owners: whoever runs holding the GIL is its owner', (w) => {
    const sim = createSimulation(toScenario(w, 250));
    do {
      const owner = (sim.snapshot('gil')!.context as MutexContext).owner;
      const holders = sim.actors().filter((a) => a.role === 'thread' && HOLDS_GIL.has(sim.metaOf(a.id)?.span ?? ''));
      expect(holders.length).toBeLessThanOrEqual(1);
      for (const h of holders) expect(owner).toBe(h.id);
    } while (sim.stepOnce(undefined, 250));
  });

  test.prop([world], { numRuns: 15 })('same inputs give the same trace', (w) => {
    expect(digest(run(toScenario(w)).sim)).toBe(digest(run(toScenario(w)).sim));
  });

  test.prop([world], { numRuns: 10 })('replaying the choice log reproduces the run', (w) => {
    const first = run(toScenario(w)).sim;
    const choices = Object.fromEntries(first.choiceLog.map((k, i) => [i, k]));
    const replay = run({ ...toScenario(w), choices }).sim;
    expect(digest(replay)).toBe(digest(first));
  });

  test.prop([world, fc.double({ min: 0, max: 1, noNaN: true })], { numRuns: 10 })(
    'stepping back (seek) equals running straight to that step, and forward again equals the original',
    (w, frac) => {
      const s = toScenario(w);
      const sim = run(s).sim;
      const end = digest(sim);
      const total = sim.step;
      const n = Math.floor(total * frac);
      sim.seek(n);
      const fresh = createSimulation(s);
      fresh.run({ until: s.until, maxSteps: n });
      expect(digest(sim)).toBe(digest(fresh));
      sim.seek(total);
      expect(digest(sim)).toBe(end);
    },
  );

  test.prop([world], { numRuns: 6 })('compiled and XState execution give the same run', (w) => {
    const s = toScenario(w, 150);
    expect(digest(run({ ...s, execution: 'compiled' }).sim)).toBe(digest(run({ ...s, execution: 'xstate' }).sim));
  });

  const reductions = fc
    .tuple(
      fc.integer({ min: 1, max: 8 }),
      fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 3 }),
      // Commands 20 ms or more apart: two in the same millisecond may reach main in either order,
      // and 8 -> 0 -> 1 is the revive path's documented residual risk, not a shrink.
      fc.array(fc.integer({ min: 20, max: 130 }), { minLength: 3, maxLength: 3 }),
    )
    .map(([start, targets, gaps]) => {
      const times = gaps.map((_, i) => gaps.slice(0, i + 1).reduce((a, b) => a + b, 0));
      let cur = start;
      const commands = [];
      for (let i = 0; i < targets.length; i++) {
        cur = Math.min(cur, targets[i]);
        commands.push({
          at: times[i],
          text: i % 2 ? `CONFIG SET search-workers ${cur}` : `FT.CONFIG SET WORKERS ${cur}`,
        });
      }
      return { start, commands };
    });
  test.prop([fc.integer({ min: 1, max: 1_000_000 }), reductions, fc.constantFrom(0.5, 1)], { numRuns: 200 })(
    'fixed never deadlocks when the pool shrinks, whatever the timing',
    (s, { start, commands }, loadFraction) => {
      const { report } = run({
        seed: s,
        variant: 'fixed',
        until: 600,
        config: { workers: start, loadFraction, commands },
      });
      expect(report.outcome).toBe('ok');
      for (const r of report.replies) expect(r.reply).toBe('OK');
    },
  );
});
