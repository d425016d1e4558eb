/**
 * A run as Chrome trace-event JSON, the format Perfetto (ui.perfetto.dev) and
 * chrome://tracing open. Owns the mapping only, as a pure function of the
 * packed trace, its log lines and the operator's commands:
 *   - one track per simulated thread, named by its id (`thread_name`), with a
 *     stable tid (its lane index + 1) and the page's reading order
 *     (`thread_sort_index`); the server's threads share the server's pid, the
 *     load generators and redis-cli live in a second process;
 *   - each span a complete event ('X') named by its innermost function, its
 *     machine state, kind and whole call stack (innermost first) in `args`;
 *   - the lock's owner as a track of its own, and each hand-off (release by one
 *     thread, next acquire by another) as a flow ('s' → 'f');
 *   - each Redis log line an instant ('i') on the main thread;
 *   - each operator command a global instant marker, with its reply.
 * Virtual milliseconds become microseconds (`ts`, `dur`), rounded to the
 * nanosecond so that a span's end and the next one's start stay equal.
 * Spec: https://docs.google.com/document/d/1CvAClvFfyA5R-PhYUmn5OOQtYMH4h6I0nSsKchNAqJY
 */
import type { PackedTrace } from '../engine/packed';
import type { CommandReply, LogLine, ScheduledCommand } from '../incidents/module';
import { replyById, withCommandIds } from '../incidents/commandIds';

export type Phase = 'M' | 'X' | 'i' | 's' | 'f';

export interface TraceEvent {
  name: string;
  ph: Phase;
  ts: number;
  pid: number;
  tid: number;
  cat?: string;
  dur?: number;
  /** Instants: 't' thread, 'p' process, 'g' global. */
  s?: 't' | 'p' | 'g';
  /** Flow id ('s' and its 'f'). */
  id?: number;
  /** Flow end: bind to the enclosing slice. */
  bp?: 'e';
  args?: Record<string, unknown>;
}

export interface TraceDocument {
  traceEvents: TraceEvent[];
  displayTimeUnit: 'ms';
  otherData: Record<string, string | number | boolean>;
}

export interface TraceInput {
  trace: PackedTrace;
  log?: readonly LogLine[];
  commands?: readonly ScheduledCommand[];
  /** The run's replies, matched to `commands` by id. */
  replies?: readonly CommandReply[];
  /** The server's pid (the one its log prints); the clients get pid + 1. */
  pid?: number;
  /** Span kind id -> its words, for `args.kindLabel`. */
  kindLabels?: Readonly<Record<string, string>>;
  /** The lock whose hand-offs the trace records (one, if any: e.g. the GIL). */
  lock?: { id: string; label: string };
  /** Lane ids in reading order (may include the lock's id). */
  order?: readonly string[];
  /** Copied into `otherData` (incident, variant, seed...). */
  meta?: Record<string, string | number | boolean>;
}

const PHASE_RANK: Record<Phase, number> = { M: 0, X: 1, s: 2, f: 2, i: 3 };

/** Virtual ms -> µs, to the nanosecond (monotone, so durations stay >= 0). */
export const micros = (ms: number): number => Math.round(ms * 1e6) / 1e3;
/** From `ts` (µs) to `endMs`, to the nanosecond too (no float noise in the file). */
const span = (ts: number, endMs: number): number => Math.round((micros(endMs) - ts) * 1e3) / 1e3;

/**
 * A thread of redis-server: its stacks bottom out in the C entry point or in
 * glibc's pthread trampoline (clients' stacks are Python scripts or redis-cli).
 */
function serverLanes(p: PackedTrace): boolean[] {
  return p.lanes.map((_, i) => {
    for (let k = p.offsets[i]; k < p.offsets[i + 1]; k++) {
      const st = p.stacks[p.spanStack[k]];
      const outer = st[st.length - 1];
      if (outer === 'main' || outer === 'start_thread') return true;
    }
    return false;
  });
}

export function traceDocument(input: TraceInput): TraceDocument {
  const p = input.trace;
  const pid = input.pid ?? 1;
  const clientPid = pid + 1;
  const onServer = serverLanes(p);
  const pidOf = (lane: number) => (onServer[lane] ? pid : clientPid);
  const tidOf = (lane: number) => lane + 1;
  const rank = (id: string, fallback: number) => {
    const i = input.order?.indexOf(id) ?? -1;
    return i < 0 ? fallback : i;
  };
  const ev: TraceEvent[] = [];
  const meta = (name: string, pid: number, tid: number, args: Record<string, unknown>) =>
    ev.push({ name, ph: 'M', ts: 0, pid, tid, args });
  const tracks: Tracks = { pid, pidOf, tidOf, rank, ev, meta };

  meta('process_name', pid, 0, { name: 'redis-server' });
  meta('process_sort_index', pid, 0, { sort_index: 0 });
  if (onServer.some((x) => !x)) {
    meta('process_name', clientPid, 0, { name: 'clients' });
    meta('process_sort_index', clientPid, 0, { sort_index: 1 });
  }
  p.lanes.forEach((id, i) => {
    meta('thread_name', pidOf(i), tidOf(i), { name: id });
    meta('thread_sort_index', pidOf(i), tidOf(i), { sort_index: rank(id, p.lanes.length + i) });
  });

  for (let i = 0; i < p.lanes.length; i++) {
    for (let k = p.offsets[i]; k < p.offsets[i + 1]; k++) {
      const ts = micros(p.start[k]);
      const kind = p.kinds[p.kind[k]];
      const stack = p.stacks[p.spanStack[k]];
      const fn = p.strings[p.fn[k]];
      ev.push({
        // The stack is more precise than the machine's function (`pingCommand`, not `call`).
        name: stack[0] ?? fn,
        cat: kind,
        ph: 'X',
        ts,
        dur: span(ts, p.end[k]),
        pid: pidOf(i),
        tid: tidOf(i),
        args: {
          state: p.strings[p.state[k]],
          fn,
          kind,
          ...(input.kindLabels?.[kind] ? { kindLabel: input.kindLabels[kind] } : {}),
          stack,
          step: p.startStep[k],
        },
      });
    }
  }

  if (input.lock && p.handoffs.t.length) lockEvents(input.lock, p, tracks);

  const main = p.lanes.indexOf('main');
  for (const l of input.log ?? []) {
    ev.push({
      name: l.line,
      cat: 'log',
      ph: 'i',
      s: main >= 0 ? 't' : 'p',
      ts: micros(l.t),
      pid,
      tid: main >= 0 ? tidOf(main) : 0,
      args: { level: l.level, step: l.step },
    });
  }

  for (const c of withCommandIds(input.commands ?? [])) {
    const r = replyById(input.replies, c.id);
    ev.push({
      name: c.text,
      cat: 'command',
      ph: 'i',
      s: 'g',
      ts: micros(c.at),
      pid: clientPid,
      tid: 0,
      args: {
        at_ms: c.at,
        // null: sent, and no reply came before the run ended.
        reply: r ? r.reply : null,
        replied_at_ms: r ? r.repliedAt : null,
        ...(r?.clientError ? { client_error: r.clientError } : {}),
      },
    });
  }

  // Sorted by time; at one instant metadata, then slices, then flows (so a flow binds to an open slice).
  const sorted = ev.map((e, i) => ({ e, i }));
  sorted.sort((a, b) => a.e.ts - b.e.ts || PHASE_RANK[a.e.ph] - PHASE_RANK[b.e.ph] || a.i - b.i);
  return {
    traceEvents: sorted.map((x) => x.e),
    displayTimeUnit: 'ms',
    otherData: { generator: 'Lockstep', time: 'virtual (1 simulated ms = 1000 µs)', ...input.meta },
  };
}

/** Where events go: the server's pid, each lane's pid and tid, its sort rank. */
interface Tracks {
  pid: number;
  pidOf(lane: number): number;
  tidOf(lane: number): number;
  rank(id: string, fallback: number): number;
  ev: TraceEvent[];
  meta(name: string, pid: number, tid: number, args: Record<string, unknown>): void;
}

/** The owner track (a slice per holding) and a flow per release → acquire by another thread. */
function lockEvents(lock: { id: string; label: string }, p: PackedTrace, tracks: Tracks): void {
  const { pid, pidOf, tidOf, rank, ev, meta } = tracks;
  const h = p.handoffs;
  const tid = p.lanes.length + 1;
  meta('thread_name', pid, tid, { name: `${lock.label} (owner)` });
  meta('thread_sort_index', pid, tid, { sort_index: rank(lock.id, 2 * p.lanes.length) });
  let held: { lane: number; t: number } | null = null;
  let released: { lane: number; t: number } | null = null;
  let flow = 0;
  const hold = (lane: number, t0: number, t1: number) => {
    const ts = micros(t0);
    ev.push({
      name: p.lanes[lane],
      cat: 'lock',
      ph: 'X',
      ts,
      dur: span(ts, t1),
      pid,
      tid,
      args: { lock: lock.label },
    });
  };
  const handOff = (from: number, t0: number, to: number, t1: number) => {
    flow++;
    const name = `${lock.label} hand-off`;
    const args = { from: p.lanes[from], to: p.lanes[to] };
    ev.push({ name, cat: 'lock', ph: 's', id: flow, ts: micros(t0), pid: pidOf(from), tid: tidOf(from), args });
    ev.push({ name, cat: 'lock', ph: 'f', bp: 'e', id: flow, ts: micros(t1), pid: pidOf(to), tid: tidOf(to), args });
  };
  for (let i = 0; i < h.t.length; i++) {
    const t = h.t[i];
    if (h.from[i] >= 0) {
      if (held) hold(held.lane, held.t, t);
      held = null;
      released = { lane: h.from[i], t };
    }
    if (h.to[i] >= 0) {
      if (released && released.lane !== h.to[i]) handOff(released.lane, released.t, h.to[i], t);
      released = null;
      held = { lane: h.to[i], t };
    }
  }
  if (held) hold(held.lane, held.t, p.endT);
}

/**
 * The document as text, in parts (one per event) for a Blob: a long run has
 * hundreds of thousands of events, more than one string should hold.
 */
export function traceJsonParts(doc: TraceDocument): string[] {
  const parts = [
    `{"displayTimeUnit":${JSON.stringify(doc.displayTimeUnit)},"otherData":${JSON.stringify(doc.otherData)},"traceEvents":[\n`,
  ];
  doc.traceEvents.forEach((e, i) => parts.push((i ? ',\n' : '') + JSON.stringify(e)));
  parts.push('\n]}\n');
  return parts;
}

export { traceFilename } from './traceName';
