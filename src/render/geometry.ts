/**
 * Pure geometry of the swimlane timeline. Three coordinate spaces:
 * - time: virtual milliseconds of the run;
 * - CSS pixels: rows stacked from y = 0; x from the view's TimeScale, which is
 *   linear within each of its pieces: x = x0 + (t - t0) * width / (t1 - t0);
 * - device pixels: CSS pixels times devicePixelRatio (only the painters use it).
 */
import type { PackedTrace } from '../engine/packed';
import type { LaneGroupInfo, LaneInfo } from '../incidents/module';

/** A linear stretch of the view: [t0, t1] drawn over [x0, x0 + width] (x0 is 0 unless given). */
export interface Viewport {
  t0: number;
  t1: number;
  width: number;
  x0?: number;
}

export const xOf = (v: Viewport, t: number) => (v.x0 ?? 0) + ((t - v.t0) * v.width) / (v.t1 - v.t0);
export const tOf = (v: Viewport, x: number) => v.t0 + ((x - (v.x0 ?? 0)) * (v.t1 - v.t0)) / v.width;

/** One drawn row: a thread, a lock's owner (e.g. the GIL's), or a collapsed group of threads. */
export interface Row {
  key: string;
  label: string;
  kind: 'lane' | 'lock' | 'group' | 'clients';
  group: string;
  /** Packed lane indices drawn in this row. */
  lanes: number[];
  y: number;
  height: number;
  /** For a group header: whether its members are shown as rows of their own. */
  expanded?: boolean;
}

export const ROW_HEIGHT = 22;
export const GROUP_HEIGHT = 26;

/**
 * Rows for the layout: every lane of its own, except the members of a
 * collapsible group, which are one row unless expanded (then a header row
 * plus members); a lock lane (its id in `locks`) is the lock's owner over time.
 */
export function buildRows(
  layout: readonly LaneInfo[],
  laneIndex: ReadonlyMap<string, number>,
  expanded: ReadonlySet<string>,
  groups: readonly LaneGroupInfo[] = [],
  locks: Readonly<Record<string, string>> = {},
): Row[] {
  const rows: Row[] = [];
  let y = 0;
  const push = (r: Omit<Row, 'y'>) => {
    rows.push({ ...r, y });
    y += r.height;
  };
  const collapse = new Map(groups.filter((g) => g.collapse).map((g) => [g.id, g]));
  const done = new Set<string>();
  for (const l of layout) {
    const g = collapse.get(l.group);
    if (g) {
      if (done.has(l.group)) continue;
      done.add(l.group);
      const members = layout.filter((m) => m.group === l.group).map((m) => m.id);
      const lanes = members.map((id) => laneIndex.get(id)!).filter((i) => i !== undefined);
      const open = expanded.has(l.group);
      push({
        key: `group:${l.group}`,
        label: `${g.label ?? g.id} (${members.length})`,
        kind: g.collapse === 'count' ? 'clients' : 'group',
        group: l.group,
        lanes,
        height: GROUP_HEIGHT,
        expanded: open,
      });
      if (open) {
        for (const id of members)
          push({ key: id, label: id, kind: 'lane', group: l.group, lanes: [laneIndex.get(id)!], height: ROW_HEIGHT });
      }
      continue;
    }
    if (locks[l.id] !== undefined)
      push({ key: l.id, label: locks[l.id], kind: 'lock', group: l.group, lanes: [], height: ROW_HEIGHT });
    else
      push({ key: l.id, label: l.id, kind: 'lane', group: l.group, lanes: [laneIndex.get(l.id)!], height: ROW_HEIGHT });
  }
  return rows;
}

export const rowsHeight = (rows: readonly Row[]) =>
  rows.length ? rows[rows.length - 1].y + rows[rows.length - 1].height : 0;

export function rowAt(rows: readonly Row[], y: number): Row | null {
  for (const r of rows) if (y >= r.y && y < r.y + r.height) return r;
  return null;
}

/** First index in [lo, hi) whose value is > t (values sorted ascending). */
export function upperBound(values: ArrayLike<number>, t: number, lo = 0, hi = values.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First span of lane `i` that ends after `t` (ends are sorted because spans do not overlap). */
export function firstVisible(p: PackedTrace, lane: number, t: number): number {
  return upperBound(p.end, t, p.offsets[lane], p.offsets[lane + 1]);
}

/** The span of lane `i` under time `t`, or -1. */
export function spanAt(p: PackedTrace, lane: number, t: number): number {
  const i = firstVisible(p, lane, t);
  return i < p.offsets[lane + 1] && p.start[i] <= t ? i : -1;
}

/** The step whose time is the latest at or before `t` (the cursor for a click at `t`). */
export function stepAtTime(p: PackedTrace, t: number): number {
  return Math.max(0, upperBound(p.stepTimes, t) - 1);
}

export interface Rect {
  x: number;
  w: number;
  kind: number;
}

/**
 * The rectangles to draw for `lanes` in the viewport, merged so that no more
 * than one mark is drawn per pixel column: spans at least a pixel wide are
 * kept (for one lane), narrower ones fall into their column, where the kind
 * that takes the most time in that column wins.
 */
export function laneRects(p: PackedTrace, lanes: readonly number[], v: Viewport): Rect[] {
  const out: Rect[] = [];
  forEachLaneRect(p, lanes, v, (x, w, kind) => out.push({ x, w, kind }));
  return out;
}

/** Per-column winners of `laneRects`, reused between calls: a frame allocates nothing for them. */
let bucket = new Int8Array(0);
let weight = new Float64Array(0);

/** `laneRects` without the array: emits each rectangle (x from the view's `x0`). */
export function forEachLaneRect(
  p: PackedTrace,
  lanes: readonly number[],
  v: Viewport,
  emit: (x: number, w: number, kind: number) => void,
): void {
  const scale = v.width / (v.t1 - v.t0);
  const x0 = v.x0 ?? 0;
  const cols = Math.ceil(v.width);
  if (bucket.length < cols + 1) {
    bucket = new Int8Array(cols + 1);
    weight = new Float64Array(cols + 1);
  }
  bucket.fill(-1, 0, cols + 1);
  const { start, end, kind: kinds, offsets } = p;
  const single = lanes.length === 1;
  for (const lane of lanes) {
    const hi = offsets[lane + 1];
    for (let i = firstVisible(p, lane, v.t0); i < hi && start[i] < v.t1; i++) {
      const a = Math.max(0, (start[i] - v.t0) * scale);
      const b = Math.min(v.width, (end[i] - v.t0) * scale);
      const kind = kinds[i];
      if (b - a >= 1 && single) emit(x0 + a, b - a, kind);
      else {
        const last = Math.min(cols, Math.floor(b));
        for (let x = Math.min(cols, Math.floor(a)); x <= last; x++) {
          const w = Math.min(b, x + 1) - Math.max(a, x);
          if (bucket[x] < 0 || w > weight[x]) {
            bucket[x] = kind;
            weight[x] = w;
          }
        }
      }
    }
  }
  let x = 0;
  while (x <= cols) {
    const k = bucket[x];
    if (k < 0) {
      x++;
      continue;
    }
    let e = x + 1;
    while (e <= cols && bucket[e] === k) e++;
    // The last column may reach past the view's right edge (into the next piece): clip it there.
    const w = Math.min(e, v.width) - x;
    if (w > 0) emit(x0 + x, w, k);
    x = e;
  }
}

/** A lock's owner classes in the timeline; `free` counts too, so a bucket that was mostly free shows as free. */
export const GIL_OWNER = { main: 0, other: 1, worker: 2, free: 3 } as const;

/** The owner class of a lane: main, a member of the incident's worker group, or another thread. */
export const ownerClassBy =
  (workerLanes: ReadonlySet<string>) =>
  (lane: string): number =>
    lane === 'main' ? GIL_OWNER.main : workerLanes.has(lane) ? GIL_OWNER.worker : GIL_OWNER.other;

/** The lock's whole history as intervals: add(start, end, owner class or `free`). */
export function gilIntervals(
  p: PackedTrace,
  add: (start: number, end: number, code: number) => void,
  gilOwnerClass: (lane: string) => number,
): void {
  const h = p.handoffs;
  // One class per lane, looked up once: a big run hands the lock over hundreds of thousands of times.
  const classes = p.lanes.map(gilOwnerClass);
  const owner = (i: number) => (i < 0 || h.to[i] < 0 ? GIL_OWNER.free : classes[h.to[i]]);
  let t = 0;
  for (let i = 0; i < h.t.length; i++) {
    if (h.t[i] > t) add(t, h.t[i], owner(i - 1));
    t = h.t[i];
  }
  if (p.endT > t) add(t, p.endT, owner(h.t.length - 1));
}

/** Owner of the GIL over time, from the handoffs: segments [t, next t) with a lane index (-1 free). */
export function gilSegments(p: PackedTrace, v: Viewport): { x: number; w: number; owner: number }[] {
  const h = p.handoffs;
  const out: { x: number; w: number; owner: number }[] = [];
  const first = Math.max(0, upperBound(h.t, v.t0) - 1);
  for (let i = first; i < h.t.length && h.t[i] < v.t1; i++) {
    const owner = h.to[i];
    if (owner < 0) continue;
    const a = h.t[i];
    const b = i + 1 < h.t.length ? h.t[i + 1] : p.endT;
    const left = v.x0 ?? 0;
    const x0 = Math.max(left, xOf(v, a));
    const x1 = Math.min(left + v.width, xOf(v, b));
    if (x1 <= left || x0 >= left + v.width) continue;
    const prev = out[out.length - 1];
    // Sub-pixel handoffs merge into one mark per column.
    if (prev && x1 - prev.x - prev.w < 1 && prev.x + prev.w >= x0 - 0.5 && prev.owner === owner)
      prev.w = Math.max(prev.w, x1 - prev.x);
    else out.push({ x: x0, w: Math.max(x1 - x0, 0.5), owner });
  }
  return out;
}
