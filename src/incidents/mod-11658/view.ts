/**
 * What the screen shows of a MOD-11658 run beyond the generic trace: the
 * lane layout in the incident's names, the formatted Redis log, the load's
 * in-flight series and PING latencies, and the state at one step (stacks,
 * wait edges, enabled moves and why the others cannot move).
 */
import type { Simulation } from '../../engine/simulation';
import type { LoadSeries, LogLine, StateAt } from '../module';
import { CLOCKS, type Mod11658Config } from './config';
import type { Mod11658Shared } from './index';
import { formatLogLine } from '../redis/log';
import { commandReplies, isServerThread } from './report';

type Sim = Simulation<Mod11658Config, Mod11658Shared>;

export type { LoadSeries, LogLine, StateAt };

export function logLines(sim: Sim): LogLine[] {
  const clock = CLOCKS[sim.inputs.config.clock];
  return sim.trace.log.map((r) => ({ t: r.t, step: r.step, level: r.level, line: formatLogLine(clock, r) }));
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
    locks: { gil: gil.owner },
    structures: [],
    replies: commandReplies(sim),
  };
}
