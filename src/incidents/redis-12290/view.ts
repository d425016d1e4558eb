/**
 * What the screen shows of a Redis #12290 run beyond the generic trace: the
 * lane layout, the formatted Redis log, the clients' in-flight requests and
 * PING latencies, and `db->blocking_keys` as a list to draw, with the walk's
 * `current` and `next` pointers and each re-appended node's prime (B′, B″)
 * counted from the trace's notes, which the state leaves out.
 */
import type { MainContext } from '../../machines/redis-12290/main';
import { CLOCKS } from './config';
import { letterOf } from './index';
import { formatLogLine } from './reply';
import type { Redis12290Sim as Sim } from './scenario';

import type { ListStructure, LoadSeries, LogLine } from '../module';

export { groupOf, laneLayout, type LaneGroup, type LaneInfo } from './lanes';
export type { LoadSeries, LogLine };

export function logLines(sim: Sim): LogLine[] {
  const clock = CLOCKS[sim.inputs.config.clock];
  return sim.trace.log.map((r) => ({ t: r.t, step: r.step, level: r.level, line: formatLogLine(clock, r) }));
}

const isLoad = (client: string, text: string) =>
  (client.startsWith('subscriber-') && (text.startsWith('XREADGROUP') || text.startsWith('XGROUP'))) ||
  (client === 'feeder' && text.startsWith('XADD'));
const ANSWERED = new Set(['received', 'nil', 'xadded', 'groupCreate']);

export function loadSeries(sim: Sim): LoadSeries {
  const out: LoadSeries = { t: [0], n: [0], sentSteps: [], completedSteps: [], pings: [] };
  const pending = new Map<string, { sentT: number; sentStep: number; doneT: number | null }>();
  let inflight = 0;
  for (const note of sim.trace.notes) {
    const d = note.data as { id?: string; client?: string; text?: string };
    if (note.kind === 'sent' && d.client === 'ping') {
      const p = { sentT: note.t, sentStep: note.step, doneT: null };
      pending.set(d.id!, p);
      out.pings.push(p);
      continue;
    }
    if (note.kind === 'completed' && d.client === 'ping') {
      const p = pending.get(d.id!);
      if (p) p.doneT = note.t;
      continue;
    }
    if (note.kind === 'sent' && isLoad(d.client!, d.text!)) {
      inflight++;
      out.sentSteps.push(note.step);
    } else if (ANSWERED.has(note.kind)) {
      inflight--;
      out.completedSteps.push(note.step);
    } else continue;
    out.t.push(note.t);
    out.n.push(inflight);
  }
  return out;
}

export type Structure = ListStructure;
type NodeState = ListStructure['nodes'][number]['state'];

const PRIMES = ['', '\u2032', '\u2033', '\u2034'];
const label = (client: string, gen: number) => letterOf(client) + (gen < PRIMES.length ? PRIMES[gen] : `(${gen})`);

/** `db->blocking_keys[key]` for each key with blocked clients, and the walk in progress. */
export function structures(sim: Sim): Structure[] {
  const c = sim.snapshot('main')!.context as MainContext;
  const keys = Object.keys(c.server.blocking_keys);
  if (c.walk && !keys.includes(c.walk.key)) keys.push(c.walk.key);
  return keys.map((key) => {
    const list = c.server.blocking_keys[key] ?? [];
    const gen = new Map<string, number>();
    const g = (client: string) => gen.get(client) ?? 0;
    const served: string[] = [];
    let current: string | null = null;
    let unlinked = false;
    if (c.walk?.key === key) {
      const notes = sim.trace.notes;
      let from = notes.length - 1;
      while (from >= 0 && !(notes[from].kind === 'walk' && (notes[from].data as { step: string }).step === 'rewind'))
        from--;
      for (let i = Math.max(from, 0); i < notes.length; i++) {
        const n = notes[i];
        if (n.kind !== 'walk') continue;
        const d = n.data as { step: string; key: string; client?: string };
        if (d.key !== key) continue;
        if (d.step === 'next') {
          current = d.client!;
          unlinked = false;
        } else if (d.step === 'unlink') unlinked = true;
        else if (d.step === 'served') served.push(`${d.client!}#${g(d.client!)}`);
        else if (d.step === 'reblocked') gen.set(d.client!, g(d.client!) + 1);
      }
    }
    const nodes: Structure['nodes'] = served.map((id) => {
      const [client, n] = id.split('#');
      return { id, label: label(client, Number(n)), state: 'served' as const };
    });
    // The node listNext returned, unlinked and not (yet) re-appended or served.
    let currentId: string | null = null;
    if (current !== null) {
      const reappended = list.includes(current) && unlinked;
      const oldGen = reappended ? g(current) - 1 : g(current);
      currentId = `${current}#${oldGen}`;
      if (unlinked && !nodes.some((n) => n.id === currentId))
        nodes.push({ id: currentId, label: label(current, oldGen), state: 'unlinked' });
    }
    for (const client of list) {
      const id = `${client}#${g(client)}`;
      const state: NodeState = id === currentId ? 'current' : g(client) > 0 ? 'appended' : 'waiting';
      nodes.push({ id, label: label(client, g(client)), state });
    }
    const next = c.walk?.key === key && c.walk.next !== null ? `${c.walk.next}#${g(c.walk.next)}` : null;
    return {
      id: `blocking_keys[${key}]`,
      title: `db->blocking_keys[${key}]: clients blocked on ${key}, first blocked first`,
      nodes,
      pointers: [
        { name: 'current', node: c.walk?.key === key ? currentId : null },
        { name: 'next', node: next },
      ],
    };
  });
}
