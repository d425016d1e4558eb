/**
 * Paints the overlay: the cursor, the hovered span, scheduled-command
 * markers, GIL handoff arrows (when zoomed in enough to read them) and the
 * wait-for edges at the cursor, with the deadlock cycle in its own colour.
 * Objects without a row (barriers, channels) are skipped through: an edge
 * X -> barrier -> Y is drawn X -> Y. The edges are straight arrows in clear
 * columns beside the cursor (edgeRoutes); span labels they would cross are
 * written again beside the columns.
 */
import type { PackedTrace } from '../engine/packed';
import type { WaitEdge } from '../engine/types';
import { edgeArrows, routeEdges, rowOfNode, type Route } from './edgeRoutes';
import { upperBound, type Row } from './geometry';
import type { Palette } from './palette';
import { fitText, LABEL_FONT, type DrawnLabel, type Surface } from './timelinePainter';
import { scaleOf, type TimeScale } from './timeScale';

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
  /** The span labels under the overlay: those the arrows cross are written again on top. */
  labels?: readonly DrawnLabel[];
}

const MAX_HANDOFF_ARROWS = 120;
/** Distance from the cursor to the first arrow column, and between columns. */
const COL_FIRST = 10;
const COL_STEP = 9;

export { edgeArrows, rowOfNode };

export function paintOverlay(ctx: CanvasRenderingContext2D, d: OverlayData, s: Surface, p: Palette): void {
  ctx.setTransform(s.dpr, 0, 0, s.dpr, 0, 0);
  ctx.clearRect(0, 0, s.width, s.height);
  const scale = scaleOf(s);
  const cursorX = scale.x(d.cursorT);
  const routes = routeEdges(d.rows, d.trace, d.edges, d.cycle);
  const xs = columnXs(routes, cursorX, s.width);
  // First, before anything else is drawn over the spans: labels step out of the arrows' way.
  const stuck = moveLabels(ctx, d.labels ?? [], routes, xs);
  if (d.hover) {
    ctx.strokeStyle = p.text;
    ctx.lineWidth = 1.5;
    ctx.strokeRect(d.hover.x0, d.hover.row.y + 1.5, Math.max(2, d.hover.x1 - d.hover.x0), d.hover.row.height - 3);
  }
  ctx.setLineDash([4, 3]);
  ctx.font = '11px system-ui, sans-serif';
  for (const m of d.markers) {
    const x = scale.x(m.t);
    if (x >= 0 && x <= s.width) vline(ctx, x, s.height, p.handoff, 1);
  }
  ctx.setLineDash([]);
  if (d.outcome) {
    const x = scale.x(d.outcome.at);
    if (x >= 0 && x <= s.width) {
      vline(ctx, x, s.height, p.cycle, 2);
      ctx.fillStyle = p.cycle;
      ctx.fillText(d.outcome.kind, Math.min(x + 4, s.width - 50), s.height - 4);
    }
  }
  paintHandoffs(ctx, d, scale, p);
  // Wait-for edges at the cursor: each arrow on a halo of the background, so it reads over any span.
  routes.forEach((r, i) => {
    const width = r.hot ? 2.5 : 1.5;
    straightArrow(ctx, xs[i], r, p.background, width + 3, 2);
    straightArrow(ctx, xs[i], r, r.hot ? p.cycle : p.handoff, width, 0);
  });
  // A label with no room beside the arrows is written over them, on a halo of its span's colour.
  setLabelFont(ctx);
  for (const l of stuck) {
    ctx.strokeStyle = l.fill;
    ctx.lineWidth = 4;
    ctx.strokeText(l.text, l.x, l.y);
    ctx.fillStyle = l.color;
    ctx.fillText(l.text, l.x, l.y);
  }
  vline(ctx, cursorX, s.height, p.cursor, 1.5);
}

function setLabelFont(ctx: CanvasRenderingContext2D) {
  ctx.font = LABEL_FONT;
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
}

/** The x of each route's column: right of the cursor, or left of it when there is no room. */
export function columnXs(routes: readonly Route[], cursorX: number, width: number): number[] {
  const cols = Math.max(0, ...routes.map((r) => r.col + 1));
  const side = cursorX + COL_FIRST + cols * COL_STEP > width ? -1 : 1;
  return routes.map((r) => cursorX + side * (COL_FIRST + r.col * COL_STEP));
}

/** Half the width kept clear around an arrow column, and half a label's height. */
const BAND_PAD = 6;
const HALF_TEXT = 7;

/**
 * The arrow columns crossing a label's text, as one band [b0, b1], or null:
 * every column whose route passes the label's row counts, so a moved label
 * never lands on the next column.
 */
export function bandOver(l: DrawnLabel, routes: readonly Route[], xs: readonly number[]): [number, number] | null {
  const here = xs.filter(
    (_, i) =>
      Math.min(routes[i].y0, routes[i].y1) - HALF_TEXT < l.y && l.y < Math.max(routes[i].y0, routes[i].y1) + HALF_TEXT,
  );
  if (!here.some((x) => x + BAND_PAD > l.x && x - BAND_PAD < l.x + l.w)) return null;
  return [Math.min(...here) - BAND_PAD, Math.max(...here) + BAND_PAD];
}

/**
 * Where a label crossed by the band goes instead, within its span: after
 * the band, else before it, whichever keeps more of the name; null when
 * neither has room for one.
 */
export function relocate(
  l: DrawnLabel,
  band: [number, number],
  fit: (text: string, room: number) => string | null,
): { x: number; text: string } | null {
  const after = { x: band[1] + 4, text: fit(l.full, l.x1 - 4 - (band[1] + 4)) };
  const before = { x: l.x0 + 4, text: fit(l.full, band[0] - 2 - (l.x0 + 4)) };
  const best = (after.text?.length ?? 0) >= (before.text?.length ?? 0) ? after : before;
  return best.text ? { x: best.x, text: best.text } : null;
}

/** Rewrites the labels the arrows cross beside them; returns those that found no room. */
function moveLabels(
  ctx: CanvasRenderingContext2D,
  labels: readonly DrawnLabel[],
  routes: readonly Route[],
  xs: readonly number[],
): DrawnLabel[] {
  if (!routes.length) return [];
  setLabelFont(ctx);
  const stuck: DrawnLabel[] = [];
  for (const l of labels) {
    const band = bandOver(l, routes, xs);
    if (!band) continue;
    const to = relocate(l, band, (text, room) => fitText(ctx, text, room));
    if (!to) {
      stuck.push(l);
      continue;
    }
    // Spans are flat colour: painting the span's colour over the old text erases it.
    ctx.fillStyle = l.fill;
    ctx.fillRect(l.x - 1, l.y - HALF_TEXT, l.w + 2, 2 * HALF_TEXT);
    ctx.fillStyle = l.color;
    ctx.fillText(to.text, to.x, l.y);
  }
  return stuck;
}

/** A vertical arrow with a dot at each source; `grow` widens the head and dots (for the halo). */
function straightArrow(ctx: CanvasRenderingContext2D, x: number, r: Route, color: string, width: number, grow: number) {
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = width;
  const dir = Math.sign(r.y1 - r.y0) || 1;
  const head = 6 + width - grow;
  ctx.beginPath();
  ctx.moveTo(x, r.y0);
  ctx.lineTo(x, r.y1 - dir * head * 0.6);
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(x, r.y1 + dir * grow);
  ctx.lineTo(x - head / 2 - grow, r.y1 - dir * (head + grow));
  ctx.lineTo(x + head / 2 + grow, r.y1 - dir * (head + grow));
  ctx.closePath();
  ctx.fill();
  for (const y of r.sources) {
    ctx.beginPath();
    ctx.arc(x, y, 2.5 + grow, 0, 2 * Math.PI);
    ctx.fill();
  }
}

function vline(ctx: CanvasRenderingContext2D, x: number, height: number, color: string, width: number) {
  ctx.strokeStyle = color;
  ctx.lineWidth = width;
  ctx.beginPath();
  ctx.moveTo(x, 0);
  ctx.lineTo(x, height);
  ctx.stroke();
}

function paintHandoffs(ctx: CanvasRenderingContext2D, d: OverlayData, s: TimeScale, p: Palette) {
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
    const x = s.x(h.t[i]);
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
