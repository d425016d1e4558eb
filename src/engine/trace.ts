/**
 * The append-only record of a run that views draw from: per-thread spans,
 * lock handoffs, messages, wait-for edge intervals, log lines and incident
 * notes, and each span's call stack (interned, for a flame graph). Every
 * record carries the step that made it, so stepping back is a truncation to a
 * checkpoint followed by a replay.
 */
import type { LogRecord, SpanKind, WaitEdge, WaitKind } from './types';

export interface Span {
  actor: string;
  start: number;
  /** NaN while the span is still open. */
  end: number;
  startStep: number;
  endStep: number;
  state: string;
  kind: SpanKind;
  fn: string;
  /** The thread's call stack when the span opened: an index into `Trace.stacks`. */
  stack: number;
}

export interface Handoff {
  t: number;
  step: number;
  lock: string;
  from: string | null;
  to: string | null;
}

export interface MessageRecord {
  t: number;
  step: number;
  from: string;
  to: string;
  type: string;
  label: string;
  arriveAt: number;
}

export interface WaitInterval extends WaitEdge {
  start: number;
  startStep: number;
  end: number;
  endStep: number;
}

export interface Note {
  t: number;
  step: number;
  kind: string;
  data: Record<string, unknown>;
}

/** Same edge, same need: a barrier whose quota changed is a new wait. */
const sameEdge = (a: WaitEdge, b: WaitEdge) =>
  a.from === b.from && a.to === b.to && a.kind === b.kind && a.quota === b.quota;

export class Trace {
  readonly lanes = new Map<string, Span[]>();
  readonly handoffs: Handoff[] = [];
  readonly messages: MessageRecord[] = [];
  readonly waits: WaitInterval[] = [];
  readonly log: LogRecord[] = [];
  readonly notes: Note[] = [];
  /** Virtual time after each step: stepTimes[n] is the clock once step n is taken. */
  readonly stepTimes: number[] = [];
  /** The distinct call stacks of the spans (innermost first), in order of first use. */
  readonly stacks: string[][] = [];
  /** The step at which each of `stacks` was first used: stepping back drops the later ones. */
  private readonly stackSteps: number[] = [];
  /** The indices of `stacks` by innermost frame, in increasing order: few per frame. */
  private readonly stacksByFrame = new Map<string, number[]>();

  /**
   * The index of `stack` in `stacks`, added if new. A span opens at about
   * every step: frames are compared one by one (the same strings, mostly),
   * which builds no key string.
   */
  private internStack(stack: readonly string[], step: number): number {
    const head = stack.length ? stack[0] : '';
    let same = this.stacksByFrame.get(head);
    if (!same) this.stacksByFrame.set(head, (same = []));
    for (const i of same) {
      const known = this.stacks[i];
      if (known.length !== stack.length) continue;
      let k = 1;
      while (k < stack.length && known[k] === stack[k]) k++;
      if (k >= stack.length) return i;
    }
    const i = this.stacks.length;
    this.stacks.push(stack.slice());
    this.stackSteps.push(step);
    same.push(i);
    return i;
  }

  openSpan(
    actor: string,
    t: number,
    step: number,
    state: string,
    kind: SpanKind,
    fn: string,
    stack: readonly string[] = [fn],
  ): void {
    let lane = this.lanes.get(actor);
    if (!lane) {
      lane = [];
      this.lanes.set(actor, lane);
    }
    const last = lane[lane.length - 1];
    if (last && Number.isNaN(last.end)) {
      last.end = t;
      last.endStep = step;
    }
    lane.push({
      actor,
      start: t,
      end: NaN,
      startStep: step,
      endStep: NaN,
      state,
      kind,
      fn,
      stack: this.internStack(stack, step),
    });
  }

  /** Open wait edges (few: a handful of waiters at most), in `waits`. */
  private open: WaitInterval[] = [];

  /** Replaces the set of open wait edges with `edges`; returns true if it changed. */
  setWaits(edges: readonly WaitEdge[], t: number, step: number): boolean {
    const open = this.open;
    if (open.length === edges.length) {
      let same = true;
      for (let i = 0; i < edges.length && same; i++) same = sameEdge(edges[i], open[i]);
      if (same) return false;
    }
    const next: WaitInterval[] = [];
    for (const e of edges) {
      let found: WaitInterval | undefined;
      for (const w of open) if (sameEdge(w, e)) found = w;
      if (!found) {
        found = {
          from: e.from,
          to: e.to,
          kind: e.kind,
          quota: e.quota,
          start: t,
          startStep: step,
          end: NaN,
          endStep: NaN,
        };
        this.waits.push(found);
      }
      next.push(found);
    }
    for (const w of open) {
      if (!next.includes(w)) {
        w.end = t;
        w.endStep = step;
      }
    }
    this.open = next;
    return true;
  }

  openEdges(): WaitInterval[] {
    return this.open.slice();
  }

  /** Drops everything recorded after `step` (records made at `step` stay). */
  truncate(step: number): void {
    this.stepTimes.length = Math.min(this.stepTimes.length, step + 1);
    for (const lane of this.lanes.values()) {
      while (lane.length && lane[lane.length - 1].startStep > step) lane.pop();
      const last = lane[lane.length - 1];
      if (last && last.endStep > step) {
        last.end = NaN;
        last.endStep = NaN;
      }
    }
    for (const [id, lane] of this.lanes) if (!lane.length) this.lanes.delete(id);
    // Only spans opened after `step` used the stacks first seen after it, and those spans are gone.
    while (this.stackSteps.length && this.stackSteps[this.stackSteps.length - 1] > step) {
      this.stackSteps.pop();
      const dropped = this.stacks.pop()!;
      // The highest index of all is the last of its frame's list.
      this.stacksByFrame.get(dropped.length ? dropped[0] : '')!.pop();
    }
    const cut = <T extends { step: number }>(arr: T[]) => {
      while (arr.length && arr[arr.length - 1].step > step) arr.pop();
    };
    cut(this.handoffs);
    cut(this.messages);
    cut(this.log);
    cut(this.notes);
    while (this.waits.length && this.waits[this.waits.length - 1].startStep > step) this.waits.pop();
    this.open = [];
    for (const w of this.waits) {
      if (w.endStep > step) {
        w.end = NaN;
        w.endStep = NaN;
      }
      if (Number.isNaN(w.endStep)) this.open.push(w);
    }
  }

  /** Kinds used for a wait edge's label in views. */
  static readonly waitKinds: readonly WaitKind[] = [
    'held by',
    'waits for lock',
    'spins on barrier',
    'needs arrival',
    'waits at barrier',
    'waits on channel',
    'awaits reply',
  ];
}
