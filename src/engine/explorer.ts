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

/**
 * Takes each move enabled in `w` (the world the simulation is in now), each
 * from `w`, and calls `visit` with the simulation in the world it leads to;
 * stops early when `visit` returns true. Returns how many moves there were.
 */
function forEachSuccessor<C, S>(sim: Simulation<C, S>, w: WorldState<S>, visit: (key: string) => boolean): number {
  const keys = sim.enabled().map((m) => m.key);
  for (let i = 0; i < keys.length; i++) {
    // enabled() changed nothing: the first move starts from the world as it is.
    if (i > 0) sim.loadWorld(w);
    sim.stepOnce(keys[i]);
    if (visit(keys[i])) break;
  }
  return keys.length;
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
  // State i: its hash's index, its parent's index and the move that led to it (flat arrays: few objects for the GC).
  const index = new Map<number, number>();
  const parentOf: number[] = [-1];
  const moveTo: string[] = [''];
  index.set(sim.stateKey(), 0);
  let frontier: { state: number; world: WorldState<S> }[] = [{ state: 0, world: sim.saveWorld() }];
  let transitions = 0;
  const done = (
    verdict: ExploreVerdict,
    bad: { state: number; found: ReturnType<typeof badState> } | null,
  ): ExploreResult => {
    const seconds = (now() - start) / 1000;
    let counterexample: string[] | null = null;
    if (bad) {
      counterexample = [];
      for (let i = bad.state; i > 0; i = parentOf[i]) counterexample.push(moveTo[i]);
      counterexample.reverse();
    }
    return {
      verdict,
      states: index.size,
      transitions,
      seconds,
      statesPerSecond: Math.round(index.size / Math.max(seconds, 1e-6)),
      counterexample,
      cycle: bad?.found?.cycle ?? null,
      explanation: bad?.found?.explanation ?? null,
    };
  };
  sim.loadWorld(frontier[0].world);
  const atRoot = badState(sim);
  if (atRoot)
    return done(atRoot.kind === 'crash' ? 'crash-reachable' : 'deadlock-reachable', { state: 0, found: atRoot });
  while (frontier.length) {
    const next: typeof frontier = [];
    for (const node of frontier) {
      sim.loadWorld(node.world);
      let result: ExploreResult | null = null;
      forEachSuccessor(sim, node.world, (key) => {
        transitions++;
        const hash = sim.stateKey();
        if (index.has(hash)) return false;
        const state = parentOf.length;
        index.set(hash, state);
        parentOf.push(node.state);
        moveTo.push(key);
        const found = badState(sim);
        if (found) {
          result = done(found.kind === 'crash' ? 'crash-reachable' : 'deadlock-reachable', { state, found });
          return true;
        }
        next.push({ state, world: sim.saveWorld() });
        const stop =
          index.size >= maxStates ||
          (index.size % every === 0 && !!opts.onProgress?.({ states: index.size, seconds: (now() - start) / 1000 }));
        if (stop) result = done('incomplete', null);
        return stop;
      });
      if (result) return result;
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
  const seen = new Set<number>([sim.stateKey()]);
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
        let over = false;
        const moves = forEachSuccessor(sim, w, () => {
          const k = sim.stateKey();
          if (seen.has(k)) return false;
          seen.add(k);
          over = seen.size > maxStates;
          if (!over) next.push(sim.saveWorld());
          return over;
        });
        if (over) return 'unknown';
        if (!moves) goodEnd = true;
        if (bad && goodEnd) return 'possible';
      }
      frontier = next;
    }
    return bad ? (goodEnd ? 'possible' : 'inevitable') : 'impossible';
  } finally {
    sim.loadWorld(start);
  }
}
