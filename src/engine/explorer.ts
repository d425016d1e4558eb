/**
 * Exhaustive exploration of every interleaving of a bounded scenario, under
 * untimed semantics (any pending move may happen next). Breadth-first with
 * state hashing, so each distinct state is expanded once and the first bad
 * state found is reached by a shortest schedule. A state is bad when it has
 * crashed, or when its wait-for graph holds a cycle whose nodes can never be
 * released (the same rule as a run's verdict). When no state is bad, the
 * calm transitions recorded on the way (engine/cycles) may still hold a loop
 * the world can turn forever: a livelock, the same rule as a run's.
 */
import { EdgeList, firstCycle } from './cycles';
import { explainLoop, type Simulation, type WorldState } from './simulation';
import { symmetricKey, type SymmetryStats } from './symmetry';
import { localMove } from './partialOrder';
import { StateTable } from './stateTable';
import { hasCycle, stuckCycle } from './waitFor';
import type { Move } from './types';

export type ExploreVerdict = 'deadlock-reachable' | 'crash-reachable' | 'livelock-reachable' | 'safe' | 'incomplete';

export interface ExploreResult {
  verdict: ExploreVerdict;
  /** Distinct states visited. */
  states: number;
  transitions: number;
  seconds: number;
  statesPerSecond: number;
  /**
   * The shortest schedule to the bad state: the move taken at each step. For
   * a livelock, to the first state of the loop.
   */
  counterexample: string[] | null;
  /**
   * For a livelock: the moves of one turn, from the counterexample's last
   * state back to it (replayed after it, untimed, a run recognises the
   * livelock when the turn closes); empty when the start was already one.
   */
  loop: string[] | null;
  /** The deadlock's cycle, or the threads that loop. */
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
  /**
   * Symmetry reduction (engine/symmetry): worlds that differ only by a
   * renaming of the incident's interchangeable actors count as one state.
   * Default on when the incident declares some; off leaves keys as they were.
   */
  symmetry?: boolean;
  /** Filled in with how symmetric worlds were keyed (when symmetry applies). */
  symmetryStats?: SymmetryStats;
  /**
   * Partial-order reduction (engine/partialOrder): where a thread can take
   * one purely local move, only that move is taken. Default on; a found
   * hang is searched again without it, for the shortest counterexample.
   */
  partialOrder?: boolean;
}

/**
 * Takes each of `moves` (enabled in `w`, the world the simulation is in
 * now), each from `w`, and calls `visit` with the simulation in the world it
 * leads to; stops early when `visit` returns true.
 */
function forEachSuccessor<C, S>(
  sim: Simulation<C, S>,
  w: WorldState<S>,
  moves: readonly Move[],
  visit: (key: string) => boolean,
): void {
  for (let i = 0; i < moves.length; i++) {
    // enabled() changed nothing: the first move starts from the world as it is.
    if (i > 0) sim.loadWorld(w);
    sim.take(moves[i]);
    if (visit(moves[i].key)) break;
  }
}

export type BadKind = 'crash' | 'deadlock' | 'livelock';

export interface BadState {
  kind: BadKind;
  cycle: string[] | null;
  explanation: string;
}

/**
 * Whether the current world is bad: a crash, a livelock the simulation has
 * found on its path (its threads are frozen), or a stuck wait-for cycle.
 */
export function badState<C, S>(sim: Simulation<C, S>): BadState | null {
  if (sim.crash) return { kind: 'crash', cycle: null, explanation: `The server crashed: ${sim.crash.message}.` };
  if (sim.livelock) return { kind: 'livelock', cycle: sim.livelock.cycle, explanation: sim.livelock.explanation };
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

const verdictOf = (kind: BadKind): ExploreVerdict =>
  kind === 'crash' ? 'crash-reachable' : kind === 'livelock' ? 'livelock-reachable' : 'deadlock-reachable';

/** Move keys as small numbers, for edge labels. */
class KeyTable {
  readonly list: string[] = [];
  private readonly ids = new Map<string, number>();
  id(key: string): number {
    let i = this.ids.get(key);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(key);
      this.ids.set(key, i);
    }
    return i;
  }
}

/**
 * Replays `toEntry` then `turn` from `root` and names the loop: the threads
 * that move in the turn, in spawn order, and the incident's sentence for
 * them, in the world where the turn closes.
 */
function nameLoop<C, S>(
  sim: Simulation<C, S>,
  root: WorldState<S>,
  toEntry: readonly string[],
  turn: readonly string[],
): BadState {
  sim.loadWorld(root);
  for (const key of toEntry) sim.stepOnce(key);
  const movers = new Set<string>();
  for (const key of turn) movers.add(sim.stepOnce(key)!.actor);
  const cycle = sim
    .actors()
    .filter((a) => movers.has(a.id))
    .map((a) => a.id);
  return { kind: 'livelock', cycle, explanation: explainLoop(sim.incident, cycle, sim.view, turn.length) };
}

/** Runs `search` with the simulation's journal off (a search jumps between worlds: no run to log), then puts it back. */
function unjournaled<C, S, T>(sim: Simulation<C, S>, search: () => T): T {
  const journal = sim.journal;
  sim.journal = false;
  try {
    return search();
  } finally {
    sim.journal = journal;
  }
}

export function explore<C, S>(sim: Simulation<C, S>, opts: ExploreOptions = {}): ExploreResult {
  return unjournaled(sim, () => search(sim, opts));
}

function search<C, S>(sim: Simulation<C, S>, opts: ExploreOptions): ExploreResult {
  const now = opts.now ?? (() => performance.now());
  const start = now();
  const maxStates = opts.maxStates ?? 2_000_000;
  const every = opts.progressEvery ?? 5000;
  const symmetric = opts.symmetry === false ? null : symmetricKey(sim, opts.symmetryStats);
  const stateKey = symmetric ?? (() => sim.stateKey());
  const reduce = opts.partialOrder !== false;
  // State i: its hash's index, its parent's index and the move that led to it (flat arrays: few objects for the GC).
  const index = new StateTable();
  const parentOf: number[] = [-1];
  const moveTo: number[] = [-1];
  index.set(stateKey(), 0);
  const root = sim.saveWorld();
  let frontier: { state: number; world: WorldState<S> }[] = [{ state: 0, world: root }];
  let transitions = 0;
  // The calm transitions between state indices (a livelock is a cycle of them), labelled by move key.
  const calm = new EdgeList();
  const keys = new KeyTable();
  const scheduleTo = (state: number): string[] => {
    const path: string[] = [];
    for (let i = state; i > 0; i = parentOf[i]) path.push(keys.list[moveTo[i]]);
    return path.reverse();
  };
  const done = (
    verdict: ExploreVerdict,
    bad: { state: number; found: BadState | null; loop?: string[] } | null,
  ): ExploreResult => {
    // The reduced graph keeps every hang but not every shortest way to it; and none is promised once an object answered another thread.
    if (reduce && (bad || !sim.objectsAnswerMover)) {
      sim.loadWorld(root);
      const again = explore(sim, { ...opts, partialOrder: false, now });
      return { ...again, seconds: (now() - start) / 1000 };
    }
    const seconds = (now() - start) / 1000;
    return {
      verdict,
      states: index.size,
      transitions,
      seconds,
      statesPerSecond: Math.round(index.size / Math.max(seconds, 1e-6)),
      counterexample: bad ? scheduleTo(bad.state) : null,
      loop: bad?.loop ?? (bad?.found?.kind === 'livelock' ? [] : null),
      cycle: bad?.found?.cycle ?? null,
      explanation: bad?.found?.explanation ?? null,
    };
  };
  /** A livelock among the calm transitions recorded so far, if any (every edge is real: sound even when cut short). */
  const livelock = (): ExploreResult | null => {
    const found = firstCycle(parentOf.length, calm);
    if (!found) return null;
    // A loop among orbits is a real loop, but its edges' moves were taken from other members of the orbits: find a real turn unreduced.
    if (symmetric) {
      sim.loadWorld(root);
      return explore(sim, { ...opts, symmetry: false, now });
    }
    const toEntry = scheduleTo(found.entry);
    const turn = found.edges.map((e) => keys.list[calm.label[e]]);
    return done('livelock-reachable', { state: found.entry, found: nameLoop(sim, root, toEntry, turn), loop: turn });
  };
  sim.loadWorld(root);
  const atRoot = badState(sim);
  if (atRoot) return done(verdictOf(atRoot.kind), { state: 0, found: atRoot });
  while (frontier.length) {
    const next: typeof frontier = [];
    for (const node of frontier) {
      sim.loadWorld(node.world);
      let result: ExploreResult | null = null;
      const moves = sim.enabled();
      // Cycle proviso: the move must lead to a state not yet expanded (states are expanded in index order).
      const only = reduce
        ? localMove(sim, node.world, moves, stateKey, (k) => {
            const s = index.get(k);
            return s >= 0 && s <= node.state;
          })
        : null;
      const visit = (key: string): boolean => {
        transitions++;
        const hash = stateKey();
        const known = index.get(hash);
        if (known >= 0) {
          if (sim.lastCalm) calm.push(node.state, known, keys.id(key));
          return false;
        }
        const state = parentOf.length;
        index.set(hash, state);
        parentOf.push(node.state);
        const move = keys.id(key);
        moveTo.push(move);
        if (sim.lastCalm) calm.push(node.state, state, move);
        const found = badState(sim);
        if (found) {
          result = done(verdictOf(found.kind), { state, found });
          return true;
        }
        next.push({ state, world: sim.saveWorld() });
        if (index.size >= maxStates) {
          result = livelock() ?? done('incomplete', null);
          return true;
        }
        const cancel =
          index.size % every === 0 && !!opts.onProgress?.({ states: index.size, seconds: (now() - start) / 1000 });
        if (cancel) result = done('incomplete', null);
        return cancel;
      };
      // localMove left the simulation where its move leads.
      if (only) visit(only.key);
      else forEachSuccessor(sim, node.world, moves, visit);
      if (result) return result;
    }
    frontier = next;
  }
  return livelock() ?? done('safe', null);
}

/** From the current world: can it still end well, can it end badly? */
export type Fate = 'impossible' | 'possible' | 'inevitable' | 'unknown';

/**
 * Classifies the current world by everything reachable from it (the world is
 * left as it was): `impossible` when no bad state is reachable, `inevitable`
 * when a bad state is reachable and no good end is (every way forward ends
 * badly), `possible` when both are, `unknown` past `maxStates`. A reachable
 * loop of calm transitions (a livelock, as the explorer finds it) is bad.
 */
export function fateOf<C, S>(sim: Simulation<C, S>, maxStates = 20_000): Fate {
  return unjournaled(sim, () => fateFrom(sim, maxStates));
}

function fateFrom<C, S>(sim: Simulation<C, S>, maxStates: number): Fate {
  const start = sim.saveWorld();
  const seen = new StateTable();
  seen.set(sim.stateKey(), 0);
  let frontier: { id: number; w: WorldState<S> }[] = [{ id: 0, w: start }];
  const calm = new EdgeList();
  let bad = false;
  let goodEnd = false;
  try {
    while (frontier.length) {
      const next: typeof frontier = [];
      for (const { id, w } of frontier) {
        sim.loadWorld(w);
        if (badState(sim)) {
          bad = true;
          continue;
        }
        let over = false;
        const moves = sim.enabled();
        forEachSuccessor(sim, w, moves, () => {
          const k = sim.stateKey();
          const known = seen.get(k);
          if (known >= 0) {
            if (sim.lastCalm) calm.push(id, known, 0);
            return false;
          }
          const state = seen.size;
          seen.set(k, state);
          if (sim.lastCalm) calm.push(id, state, 0);
          over = seen.size > maxStates;
          if (!over) next.push({ id: state, w: sim.saveWorld() });
          return over;
        });
        if (over) return 'unknown';
        if (!moves.length) goodEnd = true;
        if (bad && goodEnd) return 'possible';
      }
      frontier = next;
    }
    if (!bad && firstCycle(seen.size, calm)) bad = true;
    return bad ? (goodEnd ? 'possible' : 'inevitable') : 'impossible';
  } finally {
    sim.loadWorld(start);
  }
}
