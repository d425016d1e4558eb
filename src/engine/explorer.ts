/**
 * Exhaustive exploration of every interleaving of a bounded scenario, under
 * untimed semantics (any pending move may happen next). Breadth-first with
 * state hashing, so each distinct state is expanded once and the first bad
 * state found is reached by a shortest schedule. A state is bad when it has
 * crashed, or when its wait-for graph holds a cycle whose nodes can never be
 * released (the same rule as a run's verdict).
 */
import type { Simulation, WorldState } from './simulation';
import { hasCycle, stuckCycle } from './waitFor';

export type ExploreVerdict = 'deadlock-reachable' | 'crash-reachable' | 'safe' | 'incomplete';

export interface ExploreResult {
  verdict: ExploreVerdict;
  /** Distinct states visited. */
  states: number;
  transitions: number;
  seconds: number;
  statesPerSecond: number;
  /** The shortest schedule to the bad state: the move taken at each step. */
  counterexample: string[] | null;
  cycle: string[] | null;
  explanation: string | null;
}

export interface ExploreOptions {
  maxStates?: number;
  /** Called every `progressEvery` states; return true to stop (cancel). */
  onProgress?: (p: { states: number; seconds: number }) => boolean | void;
  progressEvery?: number;
  /** Wall clock in ms (performance.now): measurement only, never the simulation's time. */
  now?: () => number;
}

interface Node<S> {
  hash: string;
  world: WorldState<S>;
}

/** Whether the current world is bad: a crash, or a stuck wait-for cycle. */
export function badState<C, S>(
  sim: Simulation<C, S>,
): { kind: 'crash' | 'deadlock'; cycle: string[] | null; explanation: string } | null {
  if (sim.crash) return { kind: 'crash', cycle: null, explanation: `The server crashed: ${sim.crash.message}.` };
  const edges = sim.incident.waitFor(sim.view);
  if (!hasCycle(edges)) return null;
  const found = stuckCycle(
    edges,
    new Set(sim.enabled().map((m) => m.actor)),
    sim.actors().map((a) => a.id),
  );
  return found
    ? { kind: 'deadlock', cycle: found.cycle, explanation: sim.incident.explain(found.cycle, sim.view) }
    : null;
}

export function explore<C, S>(sim: Simulation<C, S>, opts: ExploreOptions = {}): ExploreResult {
  const now = opts.now ?? (() => performance.now());
  const start = now();
  const maxStates = opts.maxStates ?? 2_000_000;
  const every = opts.progressEvery ?? 5000;
  const parent = new Map<string, { from: string; key: string } | null>();
  const rootHash = sim.stateKey();
  parent.set(rootHash, null);
  let frontier: Node<S>[] = [{ hash: rootHash, world: sim.saveWorld() }];
  let transitions = 0;
  const done = (
    verdict: ExploreVerdict,
    bad: { hash: string; found: ReturnType<typeof badState> } | null,
  ): ExploreResult => {
    const seconds = (now() - start) / 1000;
    let counterexample: string[] | null = null;
    if (bad) {
      counterexample = [];
      for (let h: string | undefined = bad.hash; h !== undefined;) {
        const p = parent.get(h);
        if (!p) break;
        counterexample.push(p.key);
        h = p.from;
      }
      counterexample.reverse();
    }
    return {
      verdict,
      states: parent.size,
      transitions,
      seconds,
      statesPerSecond: Math.round(parent.size / Math.max(seconds, 1e-6)),
      counterexample,
      cycle: bad?.found?.cycle ?? null,
      explanation: bad?.found?.explanation ?? null,
    };
  };
  sim.loadWorld(frontier[0].world);
  const atRoot = badState(sim);
  if (atRoot)
    return done(atRoot.kind === 'crash' ? 'crash-reachable' : 'deadlock-reachable', { hash: rootHash, found: atRoot });
  while (frontier.length) {
    const next: Node<S>[] = [];
    for (const node of frontier) {
      sim.loadWorld(node.world);
      const keys = sim.enabled().map((m) => m.key);
      for (const key of keys) {
        sim.loadWorld(node.world);
        sim.stepOnce(key);
        transitions++;
        const hash = sim.stateKey();
        if (parent.has(hash)) continue;
        parent.set(hash, { from: node.hash, key });
        const found = badState(sim);
        if (found) return done(found.kind === 'crash' ? 'crash-reachable' : 'deadlock-reachable', { hash, found });
        next.push({ hash, world: sim.saveWorld() });
        if (parent.size >= maxStates) return done('incomplete', null);
        if (parent.size % every === 0 && opts.onProgress?.({ states: parent.size, seconds: (now() - start) / 1000 })) {
          return done('incomplete', null);
        }
      }
    }
    frontier = next;
  }
  return done('safe', null);
}

/** From the current world: can it still end well, can it end badly? */
export type Fate = 'impossible' | 'possible' | 'inevitable' | 'unknown';

/**
 * Classifies the current world by everything reachable from it (the world is
 * left as it was): `impossible` when no bad state is reachable, `inevitable`
 * when a bad state is reachable and no good end is (every way forward ends
 * badly), `possible` when both are, `unknown` past `maxStates`.
 */
export function fateOf<C, S>(sim: Simulation<C, S>, maxStates = 20_000): Fate {
  const start = sim.saveWorld();
  const seen = new Set<string>([sim.stateKey()]);
  let frontier: WorldState<S>[] = [start];
  let bad = false;
  let goodEnd = false;
  try {
    while (frontier.length) {
      const next: WorldState<S>[] = [];
      for (const w of frontier) {
        sim.loadWorld(w);
        if (badState(sim)) {
          bad = true;
          continue;
        }
        const keys = sim.enabled().map((m) => m.key);
        if (!keys.length) goodEnd = true;
        if (bad && goodEnd) return 'possible';
        for (const key of keys) {
          sim.loadWorld(w);
          sim.stepOnce(key);
          const k = sim.stateKey();
          if (seen.has(k)) continue;
          seen.add(k);
          if (seen.size > maxStates) return 'unknown';
          next.push(sim.saveWorld());
        }
      }
      frontier = next;
    }
    return bad ? (goodEnd ? 'possible' : 'inevitable') : 'impossible';
  } finally {
    sim.loadWorld(start);
  }
}
