/**
 * The trace in columns (typed arrays), for a view to draw without walking
 * objects, and to cross from a Web Worker by transfer instead of copy.
 * Spans of a lane are contiguous and sorted by start; spans never overlap
 * within a lane, so a visible window is found by binary search.
 */
import type { Simulation } from './simulation';

export interface PackedTrace {
  /** Virtual time and step count at the end of the run. */
  endT: number;
  steps: number;
  /** Thread ids, one lane each, in creation order. */
  lanes: string[];
  /** Spans of lane i are [offsets[i], offsets[i+1]). */
  offsets: Uint32Array;
  start: Float64Array;
  /** Open spans end at `endT`. */
  end: Float64Array;
  startStep: Uint32Array;
  /** Index into `kinds`. */
  kind: Uint8Array;
  /** The span kinds the incident declared and the run used, in order of first use. */
  kinds: string[];
  /** Index into `strings`: the machine state and the function. */
  state: Uint16Array;
  fn: Uint16Array;
  strings: string[];
  /** Per span, its call stack when it opened: an index into `stacks`. */
  spanStack: Uint32Array;
  /** The distinct call stacks, innermost frame first. */
  stacks: string[][];
  /** stepTimes[n]: virtual time once step n is taken. */
  stepTimes: Float64Array;
  handoffs: { t: Float64Array; step: Uint32Array; from: Int32Array; to: Int32Array };
  /** The wait-edge kinds used, in order of first use. */
  waitKinds: string[];
  waits: {
    from: Uint16Array;
    to: Uint16Array;
    /** Index into `waitKinds`. */
    kind: Uint8Array;
    start: Float64Array;
    end: Float64Array;
    startStep: Uint32Array;
    endStep: Float64Array;
  };
}

class Strings {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  id(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

export function packTrace<C, S>(sim: Simulation<C, S>): PackedTrace {
  const tr = sim.trace;
  const strings = new Strings();
  const kinds = new Strings();
  const waitKinds = new Strings();
  const lanes = sim
    .actors()
    .filter((a) => a.role === 'thread')
    .map((a) => a.id);
  const laneIndex = new Map(lanes.map((id, i) => [id, i]));
  const total = lanes.reduce((n, id) => n + (tr.lanes.get(id)?.length ?? 0), 0);
  const offsets = new Uint32Array(lanes.length + 1);
  const start = new Float64Array(total);
  const end = new Float64Array(total);
  const startStep = new Uint32Array(total);
  const kind = new Uint8Array(total);
  const state = new Uint16Array(total);
  const fn = new Uint16Array(total);
  const spanStack = new Uint32Array(total);
  let k = 0;
  lanes.forEach((id, i) => {
    offsets[i] = k;
    for (const s of tr.lanes.get(id) ?? []) {
      start[k] = s.start;
      end[k] = Number.isNaN(s.end) ? sim.t : s.end;
      startStep[k] = s.startStep;
      kind[k] = kinds.id(s.kind);
      state[k] = strings.id(s.state);
      fn[k] = strings.id(s.fn);
      spanStack[k] = s.stack;
      k++;
    }
  });
  offsets[lanes.length] = k;
  const h = tr.handoffs;
  const w = tr.waits;
  return {
    endT: sim.t,
    steps: sim.step,
    lanes,
    offsets,
    start,
    end,
    startStep,
    kind,
    kinds: kinds.list,
    state,
    fn,
    strings: strings.list,
    spanStack,
    stacks: tr.stacks.map((st) => st.slice()),
    stepTimes: Float64Array.from(tr.stepTimes.slice(0, sim.step + 1)),
    handoffs: {
      t: Float64Array.from(h, (x) => x.t),
      step: Uint32Array.from(h, (x) => x.step),
      from: Int32Array.from(h, (x) => (x.from === null ? -1 : (laneIndex.get(x.from) ?? -1))),
      to: Int32Array.from(h, (x) => (x.to === null ? -1 : (laneIndex.get(x.to) ?? -1))),
    },
    waitKinds: waitKinds.list,
    waits: {
      from: Uint16Array.from(w, (x) => strings.id(x.from)),
      to: Uint16Array.from(w, (x) => strings.id(x.to)),
      kind: Uint8Array.from(w, (x) => waitKinds.id(x.kind)),
      start: Float64Array.from(w, (x) => x.start),
      end: Float64Array.from(w, (x) => (Number.isNaN(x.end) ? Infinity : x.end)),
      startStep: Uint32Array.from(w, (x) => x.startStep),
      endStep: Float64Array.from(w, (x) => (Number.isNaN(x.endStep) ? Infinity : x.endStep)),
    },
  };
}

/** The buffers to transfer with a packed trace. */
export function transferables(p: PackedTrace): ArrayBuffer[] {
  const arrays = [
    p.offsets,
    p.start,
    p.end,
    p.startStep,
    p.kind,
    p.state,
    p.fn,
    p.spanStack,
    p.stepTimes,
    ...Object.values(p.handoffs),
    ...Object.values(p.waits),
  ];
  return arrays.map((a) => a.buffer as ArrayBuffer);
}
