/**
 * The symmetric key against a brute-force orbit: on every reachable world of
 * small MOD-11658 bounds, two worlds share a key exactly when one is a
 * renaming of the other (every permutation of the workers and of the clients
 * tried, each world written out in full); and the explorer with it keeps
 * real schedules.
 */
import { describe, expect, it } from 'vitest';
import { explore } from './explorer';
import { rename, symmetricKey, type SymmetryStats } from './symmetry';
import type { WorldState } from './simulation';
import { boundedScenario, replay, type Bounds } from '../incidents/mod-11658/explore';
import { createSimulation } from '../incidents/mod-11658/scenario';

function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length < 2) return [xs.slice()];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

/** Every renaming of the groups among themselves, as maps. */
function renamings(groups: string[][]): Map<string, string>[] {
  let out = [new Map<string, string>()];
  for (const g of groups) {
    out = out.flatMap((m) =>
      permutations(g).map((p) => {
        const next = new Map(m);
        g.forEach((id, i) => next.set(id, p[i]));
        return next;
      }),
    );
  }
  return out;
}

/** The world renamed by `to`, written out: each actor's place holds the part of the actor renamed to it. */
function written<S>(w: WorldState<S>, to: Map<string, string>): string {
  const from = new Map([...to].map(([a, b]) => [b, a]));
  const at = new Map(w.entries.map((e, i) => [e.id, i]));
  const parts = w.entries.map((e) => {
    const i = at.get(from.get(e.id) ?? e.id)!;
    return [
      e.id,
      w.snaps[i].value,
      rename(w.snaps[i].context, to),
      rename(w.timers[i]?.event ?? null, to),
      w.mails[i].map((m) => [to.get(m.from) ?? m.from, rename(m.event, to)]),
    ];
  });
  return JSON.stringify([rename([w.shared, w.crash?.message ?? null, w.livelock?.cycle ?? null], to), parts]);
}

const bounds = (variant: string, workers: number, target: number, queries: number, loadFraction: number): Bounds => ({
  variant,
  workers,
  target,
  queries,
  loadFraction,
});

describe('the symmetric key', () => {
  it('renames whole strings only, and shares what it does not change', () => {
    const v = { owner: 'workers-1', waiters: ['workers-2', 'workers-10'], job: { id: 'q1', replyTo: 'client-1' } };
    const to = new Map([
      ['workers-1', 'workers-2'],
      ['workers-2', 'workers-1'],
    ]);
    const r = rename(v, to) as typeof v;
    expect(r).toEqual({ owner: 'workers-2', waiters: ['workers-1', 'workers-10'], job: v.job });
    expect(r.job).toBe(v.job);
    expect(rename(v.job, to)).toBe(v.job);
  });

  it.each([
    bounds('prefix', 2, 0, 2, 1),
    bounds('fixed', 2, 1, 1, 1),
    bounds('fixed', 2, 0, 2, 0),
    bounds('fixed', 3, 2, 1, 1),
  ])('merges exactly the worlds that are renamings of each other: %o', (b) => {
    const sim = createSimulation({ ...boundedScenario(b), record: false });
    const stats: SymmetryStats = { keyed: 0, enumerated: 0, unreduced: 0 };
    const key = symmetricKey(sim, stats)!;
    const orbitOf = new Map<number, string>();
    const keyOf = new Map<string, number>();
    const seen = new Set<number>();
    let frontier: ReturnType<typeof sim.saveWorld>[] = [];
    const visit = () => {
      if (seen.has(sim.stateKey())) return;
      seen.add(sim.stateKey());
      const w = sim.saveWorld();
      const groups = ['worker', 'client'].map((k) => w.entries.filter((e) => e.kind === k).map((e) => e.id));
      let orbit = '';
      for (const to of renamings(groups)) {
        const s = written(w, to);
        if (!orbit || s < orbit) orbit = s;
      }
      const k = key();
      // Same key: a renaming of the same world (sound); same orbit: the same key (nothing left unmerged).
      expect(orbitOf.get(k) ?? orbit).toBe(orbit);
      expect(keyOf.get(orbit) ?? k).toBe(k);
      orbitOf.set(k, orbit);
      keyOf.set(orbit, k);
      frontier.push(w);
    };
    visit();
    while (frontier.length) {
      const next = frontier;
      frontier = [];
      for (const w of next) {
        sim.loadWorld(w);
        for (const m of sim.enabled()) {
          sim.loadWorld(w);
          sim.stepOnce(m.key);
          visit();
        }
      }
    }
    // No id inside another string in these worlds: every one was keyed by its orbit.
    expect(stats.unreduced).toBe(0);
    expect(orbitOf.size).toBeLessThan(seen.size);
  });

  it('leaves the explorer with real worlds: its counterexample replays under the real names', () => {
    const b = bounds('prefix', 3, 1, 2, 1);
    const sim = createSimulation({ ...boundedScenario(b), record: false });
    const reduced = explore(sim, { symmetry: true });
    const full = explore(createSimulation({ ...boundedScenario(b), record: false }), { symmetry: false });
    expect(reduced.verdict).toBe('deadlock-reachable');
    expect(reduced.counterexample!.length).toBe(full.counterexample!.length);
    expect(reduced.states).toBeLessThan(full.states);
    const { report } = replay(b, reduced.counterexample!);
    expect(report.outcome).toBe('deadlock');
    expect(report.cycle).toEqual(reduced.cycle);
  });
});
