/**
 * Partial-order reduction for the explorer: at a state where some thread
 * can only take one purely local move, take that move alone (a singleton
 * persistent set) instead of every interleaving of it with the others.
 *
 * A move p of thread T is local here when
 * - it is T's timer and T's only enabled move, and T's current machine state
 *   handles no other event: nothing another actor does can change T's
 *   snapshot or timer (objects' synchronous sends to T are ignored there;
 *   timers are only ever set by their own thread), so p stays enabled, the
 *   same, whatever the others do;
 * - taking it changed nothing but T's snapshot and timer (no send, post,
 *   spawn, shared record or crash): it touches nothing the others read or
 *   write, and no other actor's enabled moves changed;
 * - it is calm (Simulation.lastCalm): a non-progress loop of the full graph
 *   stays one in the reduced graph;
 * - it leads to a state the search has not expanded yet (the cycle proviso:
 *   along a cycle of reduced states the expansion order would have to rise
 *   all the way round, so every cycle of the reduced graph passes through a
 *   fully expanded state, and no move is ignored forever).
 * Then {p} is persistent, and reduction keeps every reachable crash, stuck
 * deadlock (both stable once reached) and calm cycle. Which objects and
 * mailboxes a move touches is observed by taking it, never hand-listed.
 * Assumed of an incident (as of both incidents here): its offers to an actor
 * depend on objects and that actor's own state, not another thread's.
 * Shortest counterexamples are not preserved: the explorer re-runs without it
 * to report one.
 */
import type { Simulation, WorldState } from './simulation';
import { hashValue } from './stateHash';
import type { Move } from './types';

/** The one event type a machine state handles, if just one and no mailbox (read from the machine definition). */
const onlyEvent = new WeakMap<object, Map<string, string | null>>();

function soleEvent<C, S>(sim: Simulation<C, S>, kind: string, state: string): string | null {
  const machine = sim.kinds[kind].machine;
  let byState = onlyEvent.get(machine);
  if (!byState) onlyEvent.set(machine, (byState = new Map()));
  let sole = byState.get(state);
  if (sole === undefined) {
    const config = machine.config as {
      on?: object;
      states?: Record<string, { on?: object; always?: unknown; meta?: { inbox?: boolean } }>;
    };
    const node = config.states?.[state];
    const types = node?.on ? Object.keys(node.on) : [];
    // A state that reads its mailbox can be handed a move by anyone who posts to it.
    sole = node && !node.always && !node.meta?.inbox && !config.on && types.length === 1 ? types[0] : null;
    byState.set(state, sole);
  }
  return sole;
}

/** Nothing but actor `i`'s snapshot and timer differs between worlds `a` and `b` (same actors). */
function onlyOwnChanged<S>(a: WorldState<S>, b: WorldState<S>, i: number): boolean {
  if (a.entries !== b.entries || a.crash !== b.crash || a.livelock !== b.livelock) return false;
  for (let j = 0; j < a.snaps.length; j++) {
    if (j === i) {
      if (a.mails[j].length !== b.mails[j].length) return false;
      continue;
    }
    if (a.snaps[j] !== b.snaps[j] || a.timers[j] !== b.timers[j]) return false;
    const x = a.mails[j];
    const y = b.mails[j];
    if (x.length !== y.length) return false;
    for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return false;
  }
  const h = hashValue(a.shared);
  const g = hashValue(b.shared);
  return h[0] === g[0] && h[1] === g[1];
}

const othersOf = (moves: readonly Move[], actor: string) =>
  moves
    .filter((m) => m.actor !== actor)
    .map((m) => m.key)
    .join('\u0001');

/**
 * The key of the one move to take from world `w` (the simulation is in it),
 * or null to take every enabled move. `key` is the explorer's state key of
 * the simulation's current world, `known` whether the explorer has expanded
 * the state of a key. Leaves the simulation in `w`.
 */
export function localMove<C, S>(
  sim: Simulation<C, S>,
  w: WorldState<S>,
  key: () => number,
  known: (k: number) => boolean,
): string | null {
  if (sim.crash || sim.livelock) return null;
  const moves = sim.enabled();
  if (moves.length < 2) return null;
  let moved = false;
  let found: string | null = null;
  for (const m of moves) {
    if (m.source !== 'timer' || moves.some((o) => o.actor === m.actor && o !== m)) continue;
    const i = w.entries.findIndex((e) => e.id === m.actor);
    const entry = w.entries[i];
    if (entry.role !== 'thread') continue;
    if (soleEvent(sim, entry.kind, w.snaps[i].value as string) !== m.event.type) continue;
    if (moved) sim.loadWorld(w);
    moved = true;
    sim.stepOnce(m.key);
    if (!sim.lastCalm || !onlyOwnChanged(w, sim.saveWorld(), i) || known(key())) continue;
    if (othersOf(sim.enabled(), m.actor) !== othersOf(moves, m.actor)) continue;
    found = m.key;
    break;
  }
  if (moved) sim.loadWorld(w);
  return found;
}
