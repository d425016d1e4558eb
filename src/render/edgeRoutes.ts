/**
 * Routes the wait-for arrows drawn at the cursor. Every arrow is a straight
 * vertical segment in a column of its own next to the cursor, so arrows never
 * cross; arrows that share a column never overlap in y; and the many threads
 * that wait for the same thing in the same way (seven workers parked at one
 * barrier) become one trunk with a dot per waiter instead of seven curves.
 * Pure: the overlay painter turns columns into pixels.
 */
import type { PackedTrace } from '../engine/packed';
import type { WaitEdge } from '../engine/types';
import type { Row } from './geometry';

export interface Route {
  /** 0 is the column nearest the cursor. */
  col: number;
  /** Where the line starts: the centre of the farthest source row. */
  y0: number;
  /** The arrow's tip, just inside the target row's near edge. */
  y1: number;
  /** On the deadlock cycle. */
  hot: boolean;
  /** Every source row's centre (the start included), drawn as dots. */
  sources: number[];
  label: string;
}

/** Row of a wait-for node: a thread's row, the GIL row, or its collapsed group. */
export function rowOfNode(rows: readonly Row[], id: string, trace: PackedTrace): Row | null {
  const direct = rows.find((r) => r.key === id);
  if (direct) return direct;
  const lane = trace.lanes.indexOf(id);
  return rows.find((r) => r.kind !== 'lane' && r.lanes.includes(lane)) ?? null;
}

/** Thread-to-thread arrows through objects that have no row of their own. */
export function edgeArrows(
  rows: readonly Row[],
  trace: PackedTrace,
  edges: readonly WaitEdge[],
): { from: string; to: string; label: string }[] {
  const out: { from: string; to: string; label: string }[] = [];
  const hasRow = (id: string) => rowOfNode(rows, id, trace) !== null;
  for (const e of edges) {
    if (!hasRow(e.from)) continue;
    if (hasRow(e.to)) out.push({ from: e.from, to: e.to, label: e.kind });
    else
      for (const e2 of edges)
        if (e2.from === e.to && hasRow(e2.to)) out.push({ from: e.from, to: e2.to, label: `${e.kind} ${e.to}` });
  }
  return out;
}

/** How far into the target row the tip reaches: above the row's label text. */
export const TIP_INSET = 4;
/** Free space kept between two routes of one column. */
const GAP_Y = 3;

export function routeEdges(
  rows: readonly Row[],
  trace: PackedTrace,
  edges: readonly WaitEdge[],
  cycle: readonly string[] | null,
): Route[] {
  const onCycle = new Set(cycle ?? []);
  const groups = new Map<string, { to: Row; from: Row[]; hot: boolean; label: string }>();
  for (const a of edgeArrows(rows, trace, edges)) {
    const r0 = rowOfNode(rows, a.from, trace)!;
    const r1 = rowOfNode(rows, a.to, trace)!;
    if (r0 === r1) continue;
    const hot = onCycle.has(a.from) && onCycle.has(a.to);
    // Cycle arrows stay single; the rest merge by target, meaning and side.
    const key = hot ? `hot:${r0.key}>${r1.key}` : `${r1.key}|${a.label}|${r0.y < r1.y ? 'above' : 'below'}`;
    const g = groups.get(key) ?? { to: r1, from: [], hot, label: a.label };
    if (!g.from.includes(r0)) g.from.push(r0);
    groups.set(key, g);
  }
  const routes: Route[] = [...groups.values()].map((g) => {
    const down = g.from[0].y < g.to.y;
    const centres = g.from.map((r) => r.y + r.height / 2).sort((a, b) => (down ? a - b : b - a));
    const y1 = down ? g.to.y + TIP_INSET : g.to.y + g.to.height - TIP_INSET;
    return { col: 0, y0: centres[0], y1, hot: g.hot, sources: centres, label: g.label };
  });
  return assignColumns(routes);
}

/** Greedy interval colouring: the cycle first and nearest the cursor, then longer routes first. */
function assignColumns(routes: Route[]): Route[] {
  const order = [...routes].sort(
    (a, b) => Number(b.hot) - Number(a.hot) || Math.abs(b.y1 - b.y0) - Math.abs(a.y1 - a.y0),
  );
  const taken: [number, number][][] = [];
  for (const r of order) {
    const lo = Math.min(r.y0, r.y1) - GAP_Y;
    const hi = Math.max(r.y0, r.y1) + GAP_Y;
    let col = 0;
    while (taken[col]?.some(([a, b]) => a < hi && lo < b)) col++;
    (taken[col] ??= []).push([lo, hi]);
    r.col = col;
  }
  return order;
}
