/**
 * The world at the cursor as the panels read it, for any incident: the
 * server threads' stacks, the open wait edges, the hang once it has
 * happened, the enabled moves and why the other threads cannot move, the
 * locks' owners and the operator's replies. An incident adds only what is
 * its own (which threads are the server's, its locks, its lists).
 */
import type { Simulation } from '../engine/simulation';
import type { CommandReply, StateAt } from './module';

export interface StateAtParts {
  /** The server's own threads, whose stacks the Threads panel shows. */
  server: (id: string) => boolean;
  /** Threads left out of "why can't it move" (the load's many clients). */
  quiet?: (id: string) => boolean;
  /** Lock objects whose owner is shown (their context has `owner`). */
  locks?: readonly string[];
  replies: CommandReply[];
}

export function genericStateAt(sim: Simulation<unknown, unknown>, p: StateAtParts): StateAt {
  const moves = sim.enabled();
  const movable = new Set(moves.map((m) => m.actor));
  const threads = sim.actors().filter((a) => a.role === 'thread');
  const v = sim.verdict && sim.verdict.step <= sim.step ? sim.verdict : null;
  return {
    step: sim.step,
    t: sim.t,
    stacks: threads
      .filter((a) => p.server(a.id))
      .map((a) => ({
        id: a.id,
        state: String(sim.snapshot(a.id)!.value),
        frames: sim.incident.stack(sim.view, a.id),
      })),
    edges: sim.trace
      .openEdges()
      .map(({ from, to, kind, quota }) => (quota === undefined ? { from, to, kind } : { from, to, kind, quota })),
    cycle: v ? v.cycle : null,
    explanation: v ? v.explanation : null,
    moves: moves.map((m) => ({
      key: m.key,
      actor: m.actor,
      event: m.event.type,
      at: Math.max(m.at, sim.t),
      source: m.source,
    })),
    blocked: threads
      .filter((a) => !movable.has(a.id) && !p.quiet?.(a.id))
      .map((a) => ({ actor: a.id, reason: sim.incident.blockedReason?.(sim.view, a.id) ?? '' })),
    locks: Object.fromEntries(
      (p.locks ?? []).map((id) => [id, (sim.snapshot(id)?.context as { owner?: string | null })?.owner ?? null]),
    ),
    replies: p.replies,
    structures: [],
  };
}
