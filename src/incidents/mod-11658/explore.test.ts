/** The explorer against a brute-force enumeration, the model's conditions, random runs and its own replays. */
import { UNREDUCED } from '../../engine/reductions';
import { describe, expect, it } from 'vitest';
import { badState } from '../../engine/explorer';
import { boundedScenario, exploreBounds, replay, type Bounds } from './explore';
import { createSimulation, runScenario } from './scenario';

const bounds = (over: Partial<Bounds>): Bounds => ({
  variant: 'prefix',
  workers: 2,
  target: 0,
  queries: 2,
  loadFraction: 1,
  ...over,
});

/** Every schedule, depth first, no hashing: whether a bad state is reachable, and the shortest depth to one. */
function bruteForce(b: Bounds): { reachable: boolean; shortest: number; states: Set<number> } {
  const sim = createSimulation({ ...boundedScenario(b), record: false });
  const states = new Set<number>();
  let shortest = Infinity;
  const visit = (depth: number) => {
    states.add(sim.stateKey());
    if (badState(sim)) {
      shortest = Math.min(shortest, depth);
      return;
    }
    const here = sim.saveWorld();
    for (const key of sim.enabled().map((m) => m.key)) {
      sim.loadWorld(here);
      sim.stepOnce(key);
      visit(depth + 1);
    }
  };
  visit(0);
  return { reachable: shortest < Infinity, shortest, states };
}

describe('the explorer', () => {
  it.each([
    ['prefix', 1, 0, 1],
    ['barrier-timeout', 1, 0, 1],
    ['unlock-gil', 1, 0, 1],
  ])('agrees with brute force on tiny bounds: %s, WORKERS %i -> %i, %i query', (variant, workers, target, queries) => {
    const b = bounds({ variant, workers, target, queries });
    const brute = bruteForce(b);
    // Unreduced, the explorer visits exactly the brute force's states; reduced, it keeps the verdict.
    const r = exploreBounds(b, UNREDUCED);
    expect(r.verdict === 'deadlock-reachable' || r.verdict === 'crash-reachable').toBe(brute.reachable);
    if (brute.reachable) expect(r.counterexample!.length).toBe(brute.shortest);
    else expect(r.states).toBe(brute.states.size);
    expect(exploreBounds(b).verdict).toBe(r.verdict);
  });

  it.each([
    ['no load: no query needs the GIL', bounds({ loadFraction: 0 }), 'safe'],
    ['the pool never ran a job', bounds({ queries: 0 }), 'safe'],
    ['the fix', bounds({ variant: 'fixed' }), 'safe'],
    ['N -> M: one query cannot leave more than M = 1 workers stuck', bounds({ target: 1, queries: 1 }), 'safe'],
    [
      'N -> M: two loading queries can leave 2 > M = 1 workers stuck',
      bounds({ target: 1, queries: 2 }),
      'deadlock-reachable',
    ],
    ['N -> 0: one loading query is enough', bounds({ queries: 1 }), 'deadlock-reachable'],
    ['the proposals that do not help', bounds({ variant: 'trigger-first' }), 'deadlock-reachable'],
    ['a timeout turns the hang into a use-after-free', bounds({ variant: 'barrier-timeout' }), 'crash-reachable'],
  ])('agrees with the model: %s', (_what, b, verdict) => {
    expect(exploreBounds(b).verdict).toBe(verdict);
  });

  it('its counterexample replays as a run to the same deadlock', () => {
    const b = bounds({});
    const r = exploreBounds(b);
    const { report } = replay(b, r.counterexample!);
    expect(report.outcome).toBe('deadlock');
    expect(report.cycle).toEqual(r.cycle);
  });

  it('agrees with random runs: whatever a timed run reaches, the explorer found reachable', () => {
    let hung = 0;
    for (const variant of ['prefix', 'fixed', 'unlock-gil']) {
      const b = bounds({ variant });
      const verdict = exploreBounds(b).verdict;
      for (let seed = 1; seed <= 25; seed++) {
        // The command at varied moments while the queries run (the explorer lets it come at any point).
        const s = boundedScenario(b);
        const commands = [{ at: 3 + (seed % 6), text: `FT.CONFIG SET WORKERS ${b.target}` }];
        const { report } = runScenario({ ...s, config: { ...s.config, commands }, untimed: false, seed, until: 50 });
        if (report.outcome === 'deadlock') {
          hung++;
          expect(verdict, `${variant} seed ${seed}`).toBe('deadlock-reachable');
        }
        if (report.outcome === 'crash') expect(verdict, `${variant} seed ${seed}`).toBe('crash-reachable');
      }
    }
    // The comparison is only worth something if random runs do hang.
    expect(hung).toBeGreaterThan(0);
  });

  it('identifies states exactly: cached hashes never go stale, and no two different worlds share a key', () => {
    const sim = createSimulation({ ...boundedScenario(bounds({ variant: 'fixed', queries: 1 })), record: false });
    const identity = (w: ReturnType<typeof sim.saveWorld>) =>
      JSON.stringify([
        w.shared,
        w.crash,
        w.entries.map((e, i) => [
          e.id,
          w.snaps[i].value,
          w.snaps[i].context,
          w.timers[i]?.event,
          w.mails[i].map((m) => [m.from, m.event]),
        ]),
      ]);
    const byKey = new Map<number, string>();
    let frontier = [sim.saveWorld()];
    let checked = 0;
    while (frontier.length) {
      const next = [];
      for (const w of frontier) {
        for (const key of (sim.loadWorld(w), sim.enabled().map((m) => m.key))) {
          sim.loadWorld(w);
          sim.stepOnce(key);
          const k = sim.stateKey();
          const here = sim.saveWorld();
          // The same world with every slot's hash forgotten must hash the same.
          sim.loadWorld({ ...here, hashes: here.hashes.map(() => undefined) });
          expect(sim.stateKey()).toBe(k);
          const id = identity(here);
          const seen = byKey.get(k);
          if (seen === undefined) {
            byKey.set(k, id);
            next.push(here);
          } else expect(seen).toBe(id);
          checked++;
        }
      }
      frontier = next;
    }
    expect(byKey.size).toBeGreaterThan(500);
    expect(checked).toBeGreaterThan(byKey.size);
  });

  it('stops when asked (cancel) and says incomplete', () => {
    const r = exploreBounds(bounds({ variant: 'fixed' }), { progressEvery: 100, onProgress: (p) => p.states >= 300 });
    expect(r.verdict).toBe('incomplete');
    expect(r.states).toBeLessThan(1000);
  });
});

describe('the point of no return', () => {
  it('along the shortest schedule to the hang: possible, then inevitable before the cycle closes; the fix: impossible', async () => {
    const { fateOf } = await import('../../engine/explorer');
    const b = bounds({ queries: 1 });
    const r = exploreBounds(b);
    const sim = createSimulation({
      ...boundedScenario(b, Object.fromEntries(r.counterexample!.map((k, i) => [i, k]))),
      record: false,
    });
    const fates = [];
    for (let i = 0; i <= r.counterexample!.length; i++) {
      fates.push(fateOf(sim));
      if (i < r.counterexample!.length) sim.stepOnce();
    }
    expect(fates[0]).toBe('possible');
    expect(fates[fates.length - 1]).toBe('inevitable');
    const first = fates.indexOf('inevitable');
    expect(fates.slice(first).every((f) => f === 'inevitable')).toBe(true);
    expect(
      fateOf(createSimulation({ ...boundedScenario(bounds({ variant: 'fixed', queries: 1 })), record: false })),
    ).toBe('impossible');
  });
});
