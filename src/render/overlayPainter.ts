/**
 * Paints the overlay: the cursor, the hovered span, scheduled-command
 * markers, GIL handoff arrows (when zoomed in enough to read them) and the
 * wait-for edges at the cursor, with the deadlock cycle in its own colour.
 * Objects without a row (barriers, channels) are skipped through: an edge
 * X -> barrier -> Y is drawn X -> Y.
 */
import type { PackedTrace } from '../engine/packed';
import type { WaitEdge } from '../engine/types';
import { upperBound, xOf, type Row } from './geometry';
import type { Palette } from './palette';
import type { Surface } from './timelinePainter';

export interface OverlayData {
  trace: PackedTrace;
  rows: readonly Row[];
  cursorT: number;
  hover: { row: Row; x0: number; x1: number } | null;
  markers: { t: number; label: string }[];
  /** Where the run ended badly: a solid line in the cycle's colour. */
  outcome: { kind: 'deadlock' | 'livelock' | 'crash'; at: number } | null;
  edges: readonly WaitEdge[];
  cycle: readonly string[] | null;
}

const MAX_HANDOFF_ARROWS = 120;

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

export function paintOverlay(ctx: CanvasRenderingContext2D, d: OverlayData, s: Surface, p: Palette): void {
  ctx.setTransform(s.dpr, 0, 0, s.dpr, 0, 0);
  ctx.clearRect(0, 0, s.width, s.height);
  if (d.hover) {
    ctx.strokeStyle = p.text;
    ctx.lineWidth = 1.5;
    ctx.strokeRect(d.hover.x0, d.hover.row.y + 1.5, Math.max(2, d.hover.x1 - d.hover.x0), d.hover.row.height - 3);
  }
  ctx.setLineDash([4, 3]);
  ctx.font = '11px system-ui, sans-serif';
  for (const m of d.markers) {
    const x = xOf(s, m.t);
    if (x >= 0 && x <= s.width) vline(ctx, x, s.height, p.handoff, 1);
  }
  ctx.setLineDash([]);
  if (d.outcome) {
    const x = xOf(s, d.outcome.at);
    if (x >= 0 && x <= s.width) {
      vline(ctx, x, s.height, p.cycle, 2);
      ctx.fillStyle = p.cycle;
      ctx.fillText(d.outcome.kind, Math.min(x + 4, s.width - 50), s.height - 4);
    }
  }
  paintHandoffs(ctx, d, s, p);
  const cursorX = xOf(s, d.cursorT);
  const onCycle = new Set(d.cycle ?? []);
  // Wait-for edges at the cursor, fanned out to the right so they do not overlap.
  edgeArrows(d.rows, d.trace, d.edges).forEach((a, i) => {
    const r0 = rowOfNode(d.rows, a.from, d.trace)!;
    const r1 = rowOfNode(d.rows, a.to, d.trace)!;
    if (r0 === r1) return;
    const hot = onCycle.has(a.from) && onCycle.has(a.to);
    const x = cursorX + 8 + (i % 6) * 7;
    arrow(
      ctx,
      x,
      r0.y + r0.height / 2,
      x,
      r1.y + r1.height / 2,
      hot ? p.cycle : p.handoff,
      hot ? 2.5 : 1.2,
      14 + (i % 6) * 4,
    );
  });
  vline(ctx, cursorX, s.height, p.cursor, 1.5);
}

function vline(ctx: CanvasRenderingContext2D, x: number, height: number, color: string, width: number) {
  ctx.strokeStyle = color;
  ctx.lineWidth = width;
  ctx.beginPath();
  ctx.moveTo(x, 0);
  ctx.lineTo(x, height);
  ctx.stroke();
}

function paintHandoffs(ctx: CanvasRenderingContext2D, d: OverlayData, s: Surface, p: Palette) {
  const h = d.trace.handoffs;
  const i0 = upperBound(h.t, s.t0);
  const i1 = upperBound(h.t, s.t1);
  if (i1 - i0 > MAX_HANDOFF_ARROWS) return;
  const gil = d.rows.find((r) => r.kind === 'lock');
  if (!gil) return;
  for (let i = i0; i < i1; i++) {
    if (h.to[i] < 0) continue;
    const to = rowOfNode(d.rows, d.trace.lanes[h.to[i]], d.trace);
    if (!to) continue;
    const x = xOf(s, h.t[i]);
    arrow(ctx, x, gil.y + gil.height - 2, x, to.y + to.height / 2, p.handoff, 1, 0);
  }
}

function arrow(
  ctx: CanvasRenderingContext2D,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  color: string,
  width: number,
  bulge: number,
) {
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = width;
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  const cx = (x0 + x1) / 2 + bulge;
  const cy = (y0 + y1) / 2;
  ctx.quadraticCurveTo(cx, cy, x1, y1);
  ctx.stroke();
  const ang = Math.atan2(y1 - cy, x1 - cx);
  const size = 4 + width;
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(x1 - size * Math.cos(ang - 0.45), y1 - size * Math.sin(ang - 0.45));
  ctx.lineTo(x1 - size * Math.cos(ang + 0.45), y1 - size * Math.sin(ang + 0.45));
  ctx.closePath();
  ctx.fill();
}
