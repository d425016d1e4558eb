/**
 * Partial-order reduction for the explorer: at a state where some thread
 * can only take one purely local move, take that move alone (a singleton
 * persistent set) instead of every interleaving of it with the others.
 *
 * What makes a thread's move safe to take first is observed, not listed:
 * while objects answer only the thread whose move it is
 * (Simulation.objectsAnswerMover), a thread's snapshot and timer change only
 * by its own moves. A move p of thread T is then local here when
 * - it is T's only enabled move and it stays so, the same, whatever the
 *   others do: T's timer while T's state does not read its mailbox (nobody
 *   else sets T's timer, and no post can give T a second move), or, untimed,
 *   the head of T's mailbox (FIFO there: a post lands behind the head); and
 *   T waits on nothing (no wait-for edge from T), so no other move can make
 *   an object offer T something;
 * - taking it changed nothing but T's snapshot, timer and (for the head)
 *   mailbox: no send, post, spawn, shared record or crash, so it touches
 *   nothing the others read or write, and no other actor's enabled moves
 *   changed;
 * - a timer move is calm (Simulation.lastCalm). A mailbox move never is, and
 *   needs not be: a calm loop of the others never touches T (T reads its
 *   mailbox until it moves, and touching it would not be calm), so the loop
 *   is still there after p; and each such p consumes a message nobody on
 *   that loop posts, so a reduced path keeps only finitely many of them and
 *   ends in a calm loop of the reduced graph;
 * - it leads to a state the search has not expanded yet (the cycle proviso:
 *   along a cycle of reduced states the expansion order would have to rise
 *   all the way round, so every cycle of the reduced graph passes through a
 *   fully expanded state, and no move is ignored forever).
 * Then {p} is persistent, and reduction keeps every reachable crash, stuck
 * deadlock (both stable once reached) and calm cycle. The explorer searches
 * again without reduction if the simulation ever saw an object answer
 * another thread. Assumed of an incident (as of both incidents here): its
 * offers to an actor, and whether a move is progress, depend on objects and
 * that actor's own state, not another thread's.
 * Shortest counterexamples are not preserved: the explorer re-runs without it
 * to report one.
 */
import type { Simulation, WorldState } from './simulation';
import { hashValue, type Pair } from './stateHash';
import type { Move } from './types';

/** Whether the moves of actors other than `actor` are the same, in the same order, in `a` and `b`. */
function sameOthers(a: readonly Move[], b: readonly Move[], actor: string): boolean {
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && a[i].actor === actor) i++;
    while (j < b.length && b[j].actor === actor) j++;
    if (i === a.length || j === b.length) return i === a.length && j === b.length;
    if (a[i++].key !== b[j++].key) return false;
  }
}

/**
 * The one move to take from world `w` (the simulation is in it), or null to
 * take every enabled move (`moves`, as enabled() gave them). `key` is the
 * explorer's state key of the simulation's current world, `known` whether
 * the explorer has expanded the state of a key. Leaves the simulation in
 * the world the move led to when there is one, in `w` otherwise.
 */
export function localMove<C, S>(
  sim: Simulation<C, S>,
  w: WorldState<S>,
  moves: readonly Move[],
  key: () => number,
  known: (k: number) => boolean,
): Move | null {
  if (sim.crash || sim.livelock || !sim.objectsAnswerMover || moves.length < 2) return null;
  const untimed = sim.inputs.untimed === true;
  let moved = false;
  let waiting: Set<string> | null = null;
  let shared: Pair | null = null;
  for (const m of moves) {
    const head = m.source === 'mailbox';
    if (!(m.source === 'timer' || (head && untimed)) || moves.some((o) => o.actor === m.actor && o !== m)) continue;
    const i = w.entries.findIndex((e) => e.id === m.actor);
    if (w.entries[i].role !== 'thread') continue;
    // A timer of a thread that reads its mailbox: a post would give it a second move.
    if (!head && sim.metaOf(m.actor)?.inbox) continue;
    // A thread waiting on something may be offered it (a lock, a job) by another's move: a second move.
    waiting ??= new Set(sim.incident.waitFor(sim.view).map((e) => e.from));
    if (waiting.has(m.actor)) continue;
    shared ??= hashValue(w.shared);
    if (moved) sim.loadWorld(w);
    moved = true;
    sim.take(m);
    if (!(head || sim.lastCalm) || !sim.onlyChanged(w, i, head ? 1 : 0, shared) || known(key())) continue;
    if (!sameOthers(sim.enabled(), moves, m.actor)) continue;
    return m;
  }
  if (moved) sim.loadWorld(w);
  return null;
}
