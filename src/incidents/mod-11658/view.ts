/**
 * What the screen shows of a MOD-11658 run beyond the generic trace: the
 * lane layout in the incident's names, the formatted Redis log, the load's
 * in-flight series and PING latencies, and the state at one step (stacks,
 * wait edges, enabled moves and why the others cannot move).
 */
import type { Simulation } from '../../engine/simulation';
import type { LogLevel, WaitEdge } from '../../engine/types';
import { CLOCKS, type Mod11658Config } from './config';
import type { Mod11658Shared } from './index';
import { formatLogLine } from '../redis/log';
import { commandReplies, isServerThread, type CommandReply } from './report';

type Sim = Simulation<Mod11658Config, Mod11658Shared>;

export { groupOf, laneLayout, type LaneGroup, type LaneInfo } from './lanes';

export interface LogLine {
  t: number;
  step: number;
  level: LogLevel;
  line: string;
}

export function logLines(sim: Sim): LogLine[] {
  const clock = CLOCKS[sim.inputs.config.clock];
  return sim.trace.log.map((r) => ({ t: r.t, step: r.step, level: r.level, line: formatLogLine(clock, r) }));
}

export interface LoadSeries {
  /** In-flight client queries after each change: at t[i] there are n[i]. */
  t: number[];
  n: number[];
  /** Every client query sent and completed, as step counts for the cursor. */
  sentSteps: number[];
  completedSteps: number[];
  pings: { sentT: number; sentStep: number; doneT: number | null }[];
}

export function loadSeries(sim: Sim): LoadSeries {
  const out: LoadSeries = { t: [0], n: [0], sentSteps: [], completedSteps: [], pings: [] };
  const pending = new Map<string, { sentT: number; sentStep: number; doneT: number | null }>();
  let inflight = 0;
  for (const note of sim.trace.notes) {
    const d = note.data as { id?: string; client?: string };
    if (note.kind === 'sent') {
      if (d.client === 'ping') {
        const p = { sentT: note.t, sentStep: note.step, doneT: null };
        pending.set(d.id!, p);
        out.pings.push(p);
        continue;
      }
      inflight++;
      out.sentSteps.push(note.step);
    } else if (note.kind === 'completed') {
      if (d.client === 'ping') {
        const p = pending.get(d.id!);
        if (p) p.doneT = note.t;
        continue;
      }
      if (d.client === 'redis-cli') continue;
      inflight--;
      out.completedSteps.push(note.step);
    } else continue;
    out.t.push(note.t);
    out.n.push(inflight);
  }
  return out;
}

export interface MoveInfo {
  key: string;
  actor: string;
  event: string;
  at: number;
  source: string;
}

export interface StateAt {
  step: number;
  t: number;
  stacks: { id: string; state: string; frames: string[] }[];
  edges: WaitEdge[];
  /** The verdict's cycle once the deadlock has happened at or before this step. */
  cycle: string[] | null;
  explanation: string | null;
  moves: MoveInfo[];
  blocked: { actor: string; reason: string }[];
  gilOwner: string | null;
  replies: CommandReply[];
}

export function stateAt(sim: Sim): StateAt {
  const moves = sim.enabled();
  const movable = new Set(moves.map((m) => m.actor));
  const threads = sim.actors().filter((a) => a.role === 'thread');
  const server = threads.filter((a) => isServerThread(a.id));
  const v = sim.verdict && sim.verdict.step <= sim.step ? sim.verdict : null;
  const gil = sim.snapshot('gil')!.context as { owner: string | null };
  return {
    step: sim.step,
    t: sim.t,
    stacks: server.map((a) => ({
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
      .filter((a) => !movable.has(a.id) && !a.id.startsWith('client-'))
      .map((a) => ({ actor: a.id, reason: sim.incident.blockedReason?.(sim.view, a.id) ?? '' })),
    gilOwner: gil.owner,
    replies: commandReplies(sim),
  };
}
