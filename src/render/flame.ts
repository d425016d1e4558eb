/**
 * The CPU profile of one thread, built from the simulated call stacks: the
 * span durations (clipped to a window) attributed to the stack each span
 * opened with, as a tree rooted at the thread; the same tree in Brendan
 * Gregg's folded format; and its layout as rectangles for the painter.
 * Pure: no DOM.
 */
import type { PackedTrace } from '../engine/packed';
import type { SpanKind } from '../engine/types';
import { upperBound } from './geometry';

/** What the profile reads from a trace: PackedTrace once it records stacks. */
export type StackTrace = Pick<PackedTrace, 'lanes' | 'offsets' | 'start' | 'end' | 'endT' | 'kind' | 'kinds'> & {
  /** Per span: an index into `stacks`. */
  spanStack: Uint32Array;
  /** Unique call stacks, innermost frame first, as recorded when the span opened. */
  stacks: string[][];
};

export interface FlameNode {
  name: string;
  /** Virtual ms spent with this frame innermost. */
  self: number;
  /** Virtual ms spent with this frame on the stack: self plus the children's totals. */
  total: number;
  /** Sorted by name, as flamegraph.pl merges them. */
  children: FlameNode[];
}

export interface ProfileOptions {
  lane: string;
  t0?: number;
  t1?: number;
  /** Span kinds that count; all of them when omitted. */
  kinds?: readonly SpanKind[];
  /**
   * A thread proved to loop forever: from `from` on it repeats the turn that
   * ran in [t0, t1), so the time of its last span is spread over that turn's
   * stacks, as a sampling profiler would have seen it.
   */
  loop?: { t0: number; t1: number; from: number };
}

/** The kinds in which a thread is on a CPU (spinning is a usleep loop, but it is the thread's own doing). */
export const ON_CPU_KINDS: readonly SpanKind[] = ['running', 'holdGil', 'spinning'];

/**
 * Linear in the lane's spans in the window: each distinct stack is interned
 * into a node once, after which a span costs one array read and one add.
 */
export function buildProfile(trace: StackTrace, opts: ProfileOptions): FlameNode {
  const li = trace.lanes.indexOf(opts.lane);
  const t0 = opts.t0 ?? 0;
  const t1 = opts.t1 ?? trace.endT;
  const parent: number[] = [-1];
  const names: string[] = [opts.lane];
  const self: number[] = [0];
  const childOf: Map<string, number>[] = [new Map()];
  if (li >= 0 && t1 > t0) {
    const mask = kindMask(trace.kinds, opts.kinds);
    const nodeOfStack = new Int32Array(trace.stacks.length).fill(-1);
    const intern = (frames: readonly string[]): number => {
      let n = 0;
      for (let f = frames.length - 1; f >= 0; f--) {
        let c = childOf[n].get(frames[f]);
        if (c === undefined) {
          c = names.length;
          names.push(frames[f]);
          parent.push(n);
          self.push(0);
          childOf.push(new Map());
          childOf[n].set(frames[f], c);
        }
        n = c;
      }
      return n;
    };
    const { start, end, kind, spanStack } = trace;
    const hi = trace.offsets[li + 1];
    const lo = trace.offsets[li];
    const turn = opts.loop ? loopTurn(trace, lo, hi, opts.loop) : null;
    for (let i = upperBound(end, t0, trace.offsets[li], hi); i < hi && start[i] < t1; i++) {
      if (mask && !mask[kind[i]]) continue;
      const d = Math.min(end[i], t1) - Math.max(start[i], t0);
      if (!(d > 0)) continue;
      if (turn && start[i] >= opts.loop!.from) {
        for (const [s, share] of turn) {
          let n = nodeOfStack[s];
          if (n < 0) n = nodeOfStack[s] = intern(trace.stacks[s]);
          self[n] += d * share;
        }
        continue;
      }
      const s = spanStack[i];
      let n = nodeOfStack[s];
      if (n < 0) n = nodeOfStack[s] = intern(trace.stacks[s]);
      self[n] += d;
    }
  }
  return materialise(parent, names, self, childOf);
}

/** Each stack's share of one turn of the loop, by time; null when the turn took no time. */
function loopTurn(
  trace: StackTrace,
  lo: number,
  hi: number,
  loop: { t0: number; t1: number },
): Map<number, number> | null {
  const shares = new Map<number, number>();
  let sum = 0;
  for (let i = upperBound(trace.end, loop.t0, lo, hi); i < hi && trace.start[i] < loop.t1; i++) {
    const d = Math.min(trace.end[i], loop.t1) - Math.max(trace.start[i], loop.t0);
    if (!(d > 0)) continue;
    shares.set(trace.spanStack[i], (shares.get(trace.spanStack[i]) ?? 0) + d);
    sum += d;
  }
  if (!(sum > 0)) return null;
  for (const [k, v] of shares) shares.set(k, v / sum);
  return shares;
}

function kindMask(names: readonly string[], kinds: readonly SpanKind[] | undefined): Uint8Array | null {
  if (!kinds) return null;
  const mask = new Uint8Array(Math.max(1, names.length));
  for (let i = 0; i < names.length; i++) if (kinds.includes(names[i])) mask[i] = 1;
  return mask;
}

/** Nodes were created parent first, so one backward pass sums the totals. */
function materialise(parent: number[], names: string[], self: number[], childOf: Map<string, number>[]): FlameNode {
  const total = self.slice();
  for (let n = total.length - 1; n > 0; n--) total[parent[n]] += total[n];
  const nodes: FlameNode[] = names.map((name, n) => ({ name, self: self[n], total: total[n], children: [] }));
  childOf.forEach((kids, n) => {
    const list = nodes[n].children;
    for (const c of kids.values()) list.push(nodes[c]);
    list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  });
  return nodes[0];
}

export interface FoldedOptions {
  /** Start each line with the thread's name (as `perf script` does per process). Default false. */
  includeThread?: boolean;
}

/**
 * One line per stack that has time of its own (every leaf, and inner frames
 * with self time), outermost frame first, the value in whole microseconds.
 * Lines that round to 0 µs are left out; time with no frame at all is
 * written under the thread's name.
 */
export function foldedStacks(profile: FlameNode, opts: FoldedOptions = {}): string {
  const out: string[] = [];
  const path: string[] = opts.includeThread ? [clean(profile.name)] : [];
  const line = (self: number) => {
    const us = Math.round(self * 1000);
    if (us > 0) out.push(`${path.length ? path.join(';') : clean(profile.name)} ${us}`);
  };
  const walk = (n: FlameNode) => {
    path.push(clean(n.name));
    line(n.self);
    for (const c of n.children) walk(c);
    path.pop();
  };
  line(profile.self);
  for (const c of profile.children) walk(c);
  return out.length ? out.join('\n') + '\n' : '';
}

/** `;` separates frames and a newline ends a line: neither may appear in a name. */
const clean = (name: string) => name.replace(/[;\r\n]/g, '_');

export interface FlameRect {
  x: number;
  w: number;
  depth: number;
  node: FlameNode;
}

export interface FlameLayout {
  /** Pre-order (a parent before its children, siblings left to right). */
  rects: FlameRect[];
  /** Nodes not drawn because they (or an ancestor) were narrower than the cut-off. */
  dropped: number;
  /** Rows in use: the deepest drawn depth plus one. */
  depth: number;
  width: number;
  rowHeight: number;
  root: FlameNode;
}

/**
 * Rectangles for `root` (the thread, or a zoomed-into frame) spanning
 * `width` pixels, root at depth 0; nodes narrower than `minWidth` pixels are
 * dropped with their subtrees.
 */
export function layoutFlame(root: FlameNode, width: number, rowHeight: number, minWidth = 0.5): FlameLayout {
  const rects: FlameRect[] = [];
  let dropped = 0;
  let depth = 0;
  const scale = root.total > 0 ? width / root.total : 0;
  const place = (n: FlameNode, x: number, d: number) => {
    const w = n.total * scale;
    if (w < minWidth) {
      dropped += countNodes(n);
      return;
    }
    rects.push({ x, w, depth: d, node: n });
    if (d + 1 > depth) depth = d + 1;
    let cx = x;
    for (const c of n.children) {
      place(c, cx, d + 1);
      cx += c.total * scale;
    }
  };
  if (scale > 0) place(root, 0, 0);
  else dropped = countNodes(root);
  return { rects, dropped, depth, width, rowHeight, root };
}

export function countNodes(n: FlameNode): number {
  let k = 1;
  for (const c of n.children) k += countNodes(c);
  return k;
}

/** Index of the rectangle under (x, y), or -1. */
export function flameAt(layout: FlameLayout, x: number, y: number): number {
  const d = Math.floor(y / layout.rowHeight);
  const { rects } = layout;
  for (let i = 0; i < rects.length; i++) {
    const r = rects[i];
    if (r.depth === d && x >= r.x && x < r.x + r.w) return i;
  }
  return -1;
}

/**
 * Keyboard moves between rectangles: up to the parent, down to the first
 * child, left and right to the neighbours on the same row.
 */
export function flameStep(layout: FlameLayout, i: number, dir: 'up' | 'down' | 'left' | 'right'): number {
  const { rects } = layout;
  const r = rects[i];
  if (!r) return rects.length ? 0 : -1;
  let best = i;
  for (let j = 0; j < rects.length; j++) {
    const o = rects[j];
    if (dir === 'up' && o.depth === r.depth - 1 && r.x >= o.x && r.x < o.x + o.w) return j;
    if (dir === 'down' && o.depth === r.depth + 1 && o.x >= r.x && o.x < r.x + r.w) return j;
    if (dir === 'left' && o.depth === r.depth && o.x < r.x && (best === i || o.x > rects[best].x)) best = j;
    if (dir === 'right' && o.depth === r.depth && o.x > r.x && (best === i || o.x < rects[best].x)) best = j;
  }
  return best;
}

/** The names from below the root down to `node`, and back: what a zoom keeps across new profiles. */
export function resolvePath(root: FlameNode, names: readonly string[]): FlameNode[] {
  const path = [root];
  for (const name of names) {
    const next = path[path.length - 1].children.find((c) => c.name === name);
    if (!next) break;
    path.push(next);
  }
  return path;
}

/** The path from `root` to `target` (both included), or null when it is not in the tree. */
export function pathTo(root: FlameNode, target: FlameNode): FlameNode[] | null {
  if (root === target) return [root];
  for (const c of root.children) {
    const p = pathTo(c, target);
    if (p) return [root, ...p];
  }
  return null;
}
