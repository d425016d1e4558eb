/**
 * What the screen shows of a MOD-11658 run beyond the generic trace: the
 * lane layout in the incident's names, the formatted Redis log, the load's
 * in-flight series and PING latencies, and the state at one step (stacks,
 * wait edges, enabled moves and why the others cannot move).
 */
import type { Simulation } from '../../engine/simulation';
import type { LoadSeries, LogLine, StateAt } from '../module';
import { genericStateAt } from '../stateAt';
import type { Mod11658Config } from './config';
import type { Mod11658Shared } from './index';
import { runLog } from './runLog';
import { commandReplies, isServerThread } from './report';
import { evidence } from './evidence';

type Sim = Simulation<Mod11658Config, Mod11658Shared>;

export type { LoadSeries, LogLine, StateAt };

export const logLines = (sim: Sim): LogLine[] => runLog(sim);

export function loadSeries(sim: Sim): LoadSeries {
  const out: LoadSeries = { t: [0], n: [0], sentSteps: [], completedSteps: [], pings: [] };
  const pending = new Map<string, LoadSeries['pings'][number]>();
  let lastPing: LoadSeries['pings'][number] | null = null;
  let inflight = 0;
  for (const note of sim.trace.notes) {
    const d = note.data as { id?: string; client?: string };
    if (note.kind === 'sent') {
      if (d.client === 'ping') {
        const p = { sentT: note.t, sentStep: note.step, doneT: null };
        pending.set(d.id!, p);
        out.pings.push(p);
        lastPing = p;
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
    } else {
      // The monitor gives up on the PING it is waiting for: the last one sent.
      if (note.kind === 'timeout' && d.client === 'ping' && lastPing) lastPing.timedOutT = note.t;
      continue;
    }
    out.t.push(note.t);
    out.n.push(inflight);
  }
  return out;
}

export function stateAt(sim: Sim): StateAt {
  return {
    ...genericStateAt(sim as never, {
      server: isServerThread,
      quiet: (id) => id.startsWith('client-'),
      locks: ['gil'],
      replies: commandReplies(sim),
    }),
    evidence: evidence(sim),
  };
}
