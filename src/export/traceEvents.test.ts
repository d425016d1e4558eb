/** The Chrome trace-event export, on real runs of both incidents: it parses, names its tracks, pairs its flows. */
import { describe, expect, it } from 'vitest';
import { coreOf } from '../incidents/cores';
import { defaultScenario, infoOf } from '../incidents/registry';
import type { Scenario } from '../incidents/module';
import { packTrace } from '../engine/packed';
import { micros, traceDocument, traceFilename, traceJsonParts, type TraceEvent } from './traceEvents';

function exported(s: Scenario) {
  const core = coreOf(s.incident);
  const sim = core.createSimulation(s);
  sim.run({ until: s.until, maxSteps: 1_000_000 });
  const trace = packTrace(sim);
  const log = core.logLines(sim);
  const report = core.report(sim);
  const info = infoOf(s.incident);
  const [lock] = Object.entries(info.ui.locks).map(([id, label]) => ({ id, label }));
  const doc = traceDocument({
    trace,
    log,
    commands: s.commands,
    replies: report.replies,
    pid: info.ui.clock(s.settings).pid,
    kindLabels: Object.fromEntries(info.ui.spanKinds.map((k) => [k.id, k.label])),
    lock,
    order: info.ui.lanes(trace.lanes).map((l) => l.id),
    meta: { incident: s.incident, variant: s.variant, seed: s.seed },
  });
  const text = traceJsonParts(doc).join('');
  const json = JSON.parse(text) as { traceEvents: TraceEvent[]; otherData: Record<string, unknown> };
  return { trace, log, json, text, pid: info.ui.clock(s.settings).pid };
}

const threadNames = (evs: TraceEvent[]) =>
  new Map(evs.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}/${e.tid}`, e.args!.name as string]));

function checkWellFormed(evs: TraceEvent[]) {
  const names = threadNames(evs);
  for (let i = 1; i < evs.length; i++) expect(evs[i].ts).toBeGreaterThanOrEqual(evs[i - 1].ts);
  const byTrack = new Map<string, TraceEvent[]>();
  for (const e of evs.filter((x) => x.ph === 'X')) {
    expect(e.dur).toBeGreaterThanOrEqual(0);
    const key = `${e.pid}/${e.tid}`;
    expect(names.has(key)).toBe(true);
    byTrack.set(key, [...(byTrack.get(key) ?? []), e]);
  }
  // A track's slices follow one another: monotone, and none starts before the previous one ends.
  for (const xs of byTrack.values())
    for (let i = 1; i < xs.length; i++) expect(xs[i].ts).toBeGreaterThanOrEqual(xs[i - 1].ts + xs[i - 1].dur! - 1e-6);
  const starts = new Map<number, TraceEvent>();
  const ends = new Map<number, TraceEvent>();
  for (const e of evs) {
    if (e.ph === 's') {
      expect(starts.has(e.id!)).toBe(false);
      starts.set(e.id!, e);
    }
    if (e.ph === 'f') {
      expect(ends.has(e.id!)).toBe(false);
      ends.set(e.id!, e);
    }
  }
  expect([...starts.keys()].sort()).toEqual([...ends.keys()].sort());
  for (const [id, s] of starts) {
    const f = ends.get(id)!;
    expect(f.ts).toBeGreaterThanOrEqual(s.ts);
    expect(f.tid).not.toBe(s.tid);
    expect(names.has(`${s.pid}/${s.tid}`) && names.has(`${f.pid}/${f.tid}`)).toBe(true);
  }
  return { names, flows: starts.size };
}

describe('Chrome trace-event export', () => {
  it('MOD-11658: one named track per thread, spans by innermost function, GIL hand-offs as paired flows', () => {
    const s = defaultScenario('mod-11658');
    const { trace, log, json, pid } = exported(s);
    const evs = json.traceEvents;
    const { names, flows } = checkWellFormed(evs);
    expect(new Set(names.values())).toEqual(new Set([...trace.lanes, 'GIL (owner)']));
    const procs = new Map(evs.filter((e) => e.name === 'process_name').map((e) => [e.args!.name, e.pid]));
    expect(procs.get('redis-server')).toBe(pid);
    const pidOf = (name: string) => [...names].find(([, n]) => n === name)![0].split('/')[0];
    expect(pidOf('main')).toBe(String(pid));
    expect(pidOf('workers-1')).toBe(String(pid));
    expect(pidOf('client-1')).toBe(String(procs.get('clients')));
    expect(pidOf('redis-cli')).toBe(String(procs.get('clients')));

    const spans = evs.filter((e) => e.ph === 'X' && e.cat !== 'lock');
    expect(spans.length).toBe(trace.start.length);
    for (const e of spans) {
      expect(e.name).toBe((e.args!.stack as string[])[0]);
      expect(typeof e.args!.state).toBe('string');
      expect(e.cat).toBe(e.args!.kind);
    }
    expect(spans.some((e) => e.cat === 'waitGil' && e.args!.kindLabel === 'waiting for the GIL')).toBe(true);
    const first = spans.find((e) => names.get(`${e.pid}/${e.tid}`) === 'main')!;
    expect(first.ts).toBe(micros(trace.start[trace.offsets[trace.lanes.indexOf('main')]]));

    // A flow per release followed by another thread's acquire.
    let expected = 0;
    let released = -1;
    for (let i = 0; i < trace.handoffs.t.length; i++) {
      if (trace.handoffs.from[i] >= 0) released = trace.handoffs.from[i];
      if (trace.handoffs.to[i] >= 0) {
        if (released >= 0 && released !== trace.handoffs.to[i]) expected++;
        released = -1;
      }
    }
    expect(flows).toBe(expected);
    expect(flows).toBeGreaterThan(0);

    const logs = evs.filter((e) => e.cat === 'log');
    expect(logs.map((e) => e.name)).toEqual(log.map((l) => l.line));
    expect(logs.every((e) => e.ph === 'i' && e.s === 't' && names.get(`${e.pid}/${e.tid}`) === 'main')).toBe(true);
    const cmds = evs.filter((e) => e.cat === 'command');
    expect(cmds).toHaveLength(1);
    expect(cmds[0]).toMatchObject({ ph: 'i', s: 'g', name: 'FT.CONFIG SET WORKERS 0', ts: 500_000 });
    expect(cmds[0].args).toMatchObject({ at_ms: 500, reply: null });
    expect(json.otherData).toMatchObject({ incident: 'mod-11658', variant: 'prefix', seed: 1 });
  });

  it('MOD-11658 in a cluster: the coordinator and IO threads belong to redis-server', () => {
    const s = defaultScenario('mod-11658');
    const { json, pid } = exported({ ...s, until: 300, settings: { ...s.settings, shards: 3 }, commands: [] });
    const { names } = checkWellFormed(json.traceEvents);
    const server = [...names].filter(([k]) => k.startsWith(`${pid}/`)).map(([, n]) => n);
    expect(server.some((n) => n.startsWith('coord-'))).toBe(true);
    expect(server.some((n) => n.startsWith('search-uv-'))).toBe(true);
    expect(server.some((n) => n.startsWith('client-'))).toBe(false);
  });

  it('Redis #12290: no lock, so no flows; every thread named; the PING marker at its moment', () => {
    const s = defaultScenario('redis-12290');
    const { trace, json } = exported(s);
    const { names, flows } = checkWellFormed(json.traceEvents);
    expect(new Set(names.values())).toEqual(new Set(trace.lanes));
    expect(flows).toBe(0);
    expect(json.traceEvents.find((e) => e.cat === 'command')).toMatchObject({ name: 'PING', ts: 1_500_000 });
    expect(json.traceEvents.some((e) => e.ph === 'X' && e.cat === 'walking')).toBe(true);
  });

  it('is deterministic: the same scenario exports the same bytes', () => {
    const s = { ...defaultScenario('mod-11658'), until: 400 };
    expect(exported(s).text).toBe(exported(s).text);
  });

  it('names the file after the scenario', () => {
    expect(traceFilename('redis-12290', '7.2-rc2', 1)).toBe('lockstep-redis-12290-7.2-rc2-seed1.json');
    expect(traceFilename('mod-11658', 'a/b c', -3)).toBe('lockstep-mod-11658-a_b_c-seed-3.json');
  });
});
