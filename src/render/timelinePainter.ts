/**
 * Paints the span layer of the swimlane timeline: one row per thread (or
 * collapsed group), the GIL's owner over time, and the clients' in-flight
 * count. Draws in passes grouped by colour (canvas state changes cost more
 * than the arithmetic) and writes function names only where they fit.
 */
import type { PackedTrace } from '../engine/packed';
import type { LoadSeries } from '../incidents/module';
import { gilIntervals, gilSegments, laneRects, upperBound, xOf, type Row, type Viewport } from './geometry';
import { Mipmap, mipmapFor, spanMipmap } from './mipmap';
import { colorOf, type Palette } from './palette';

export interface TimelineData {
  trace: PackedTrace;
  rows: readonly Row[];
  load: LoadSeries;
  /** Most clients ever in flight: the scale of the clients row. */
  maxInFlight: number;
  /** Span kinds that get no label (nothing happens in them). */
  quiet: ReadonlySet<string>;
  /** A lock owner's colour class (GIL_OWNER) by lane. */
  ownerClass: (lane: string) => number;
}

export interface Surface extends Viewport {
  height: number;
  dpr: number;
}

const LABEL_MIN_PX = 60;
/** Rectangles per kind code, reused between paints. */
const byKind: number[][] = [];
/** Above this many spans in view, no span of the lane can be wide enough for a label. */
const LABEL_SCAN_LIMIT = 2000;
const PAD = 3;

const ownerColors = (p: Palette) => [p.gilMain, p.gilOther, p.gilWorker];

export function ownerColor(lane: string, d: TimelineData, p: Palette): string {
  return ownerColors(p)[d.ownerClass(lane)];
}

/** A span label as drawn, for the overlay to draw again over its arrows. */
export interface DrawnLabel {
  /** Left end of the text and its vertical middle. */
  x: number;
  y: number;
  w: number;
  text: string;
  /** The whole name (`text` may be cut short) and the span's extent on screen. */
  full: string;
  x0: number;
  x1: number;
  /** The span's colour and the text's. */
  fill: string;
  color: string;
}

/** Paints the spans; returns the labels it wrote. */
export function paintTimeline(ctx: CanvasRenderingContext2D, d: TimelineData, s: Surface, p: Palette): DrawnLabel[] {
  ctx.setTransform(s.dpr, 0, 0, s.dpr, 0, 0);
  ctx.clearRect(0, 0, s.width, s.height);
  ctx.fillStyle = p.grid;
  for (const r of d.rows) ctx.fillRect(0, r.y + r.height - 0.5, s.width, 0.5);

  // Reused between paints: a frame allocates next to nothing.
  while (byKind.length < d.trace.kinds.length) byKind.push([]);
  for (const list of byKind) list.length = 0;
  const labels: Label[] = [];
  for (const r of d.rows) {
    if (r.kind === 'lane' || r.kind === 'group') {
      const top = r.y + PAD;
      const h = r.height - 2 * PAD;
      const pyramid = mipmapFor(d.trace, `row:${r.key}`, () => spanMipmap(d.trace, r.lanes));
      for (const rect of pyramid.rects(s) ?? laneRects(d.trace, r.lanes, s))
        byKind[rect.kind].push(rect.x, top, rect.w, h);
      if (r.kind === 'lane') collectLabels(d, r, s, labels, p);
    }
  }
  for (let k = 0; k < d.trace.kinds.length; k++) {
    const list = byKind[k];
    if (!list.length) continue;
    ctx.fillStyle = colorOf(p, d.trace.kinds[k]);
    for (let i = 0; i < list.length; i += 4) ctx.fillRect(list[i], list[i + 1], list[i + 2], list[i + 3]);
  }
  for (const r of d.rows) {
    if (r.kind === 'lock') paintGil(ctx, d, r, s, p, labels);
    else if (r.kind === 'clients') paintInFlight(ctx, d, r, s, p);
  }
  ctx.font = LABEL_FONT;
  ctx.textBaseline = 'middle';
  const drawn: DrawnLabel[] = [];
  for (const l of labels) {
    const text = fitText(ctx, l.text, l.w - 8);
    if (!text) continue;
    const color = textOn(l.fill, p);
    ctx.fillStyle = color;
    ctx.fillText(text, l.x + 4, l.y);
    drawn.push({
      x: l.x + 4,
      y: l.y,
      w: textWidth(ctx, text),
      text,
      full: l.text,
      x0: l.x,
      x1: l.x + l.w,
      fill: l.fill,
      color,
    });
  }
  return drawn;
}

export const LABEL_FONT = '11px system-ui, sans-serif';
const widths = new Map<string, number>();

/** `text`, or its head with an ellipsis, in at most `room` pixels (widths measured once; no clipping). */
export function fitText(ctx: CanvasRenderingContext2D, text: string, room: number): string | null {
  const w = textWidth(ctx, text);
  if (w <= room) return text;
  const chars = Math.floor((room / w) * text.length) - 1;
  return chars >= 3 ? text.slice(0, chars) + '…' : null;
}

/** The width of `text` in the label font, measured once. */
function textWidth(ctx: CanvasRenderingContext2D, text: string): number {
  let w = widths.get(text);
  if (w === undefined) {
    w = ctx.measureText(text).width;
    widths.set(text, w);
  }
  return w;
}

interface Label {
  x: number;
  y: number;
  w: number;
  text: string;
  fill: string;
}

/** Dark or light text, whichever reads on `fill` (a #rrggbb colour). */
export function textOn(fill: string, p: Palette): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(fill.trim());
  if (!m) return p.text;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h, 16) / 255);
  return 0.299 * r + 0.587 * g + 0.114 * b > 0.6 ? '#111827' : '#ffffff';
}

function collectLabels(d: TimelineData, r: Row, s: Surface, out: Label[], p: Palette) {
  const t = d.trace;
  const lane = r.lanes[0];
  const scale = s.width / (s.t1 - s.t0);
  const hi = t.offsets[lane + 1];
  let i = upperBound(t.end, s.t0, t.offsets[lane], hi);
  if (upperBound(t.start, s.t1, i, hi) - i > LABEL_SCAN_LIMIT) return;
  for (let n = 0; i < hi && t.start[i] < s.t1 && n < 400; i++) {
    const x0 = Math.max(0, (t.start[i] - s.t0) * scale);
    const x1 = Math.min(s.width, (t.end[i] - s.t0) * scale);
    const kind = t.kinds[t.kind[i]];
    if (x1 - x0 < LABEL_MIN_PX || d.quiet.has(kind)) continue;
    out.push({ x: x0, y: r.y + r.height / 2, w: x1 - x0, text: t.strings[t.fn[i]], fill: colorOf(p, kind) });
    n++;
  }
}

function paintGil(ctx: CanvasRenderingContext2D, d: TimelineData, r: Row, s: Surface, p: Palette, labels: Label[]) {
  const top = r.y + PAD;
  const h = r.height - 2 * PAD;
  const pyramid = mipmapFor(
    d.trace,
    `lock:${r.key}`,
    () => new Mipmap(d.trace.endT, (add) => gilIntervals(d.trace, add, d.ownerClass)),
  );
  const colors = ownerColors(p);
  const coarse = pyramid.forEachRect(s, (x, w, kind) => {
    if (kind >= colors.length) return; // free
    ctx.fillStyle = colors[kind];
    ctx.fillRect(x, top, w, h);
  });
  if (coarse) return;
  for (const seg of gilSegments(d.trace, s)) {
    const owner = d.trace.lanes[seg.owner];
    const fill = ownerColor(owner, d, p);
    ctx.fillStyle = fill;
    ctx.fillRect(seg.x, top, seg.w, h);
    if (seg.w >= LABEL_MIN_PX) labels.push({ x: seg.x, y: r.y + r.height / 2, w: seg.w, text: owner, fill });
  }
}

function paintInFlight(ctx: CanvasRenderingContext2D, d: TimelineData, r: Row, s: Surface, p: Palette) {
  const { t, n } = d.load;
  if (!t.length || d.maxInFlight <= 0) return;
  const base = r.y + r.height - PAD;
  const scaleY = (r.height - 2 * PAD) / d.maxInFlight;
  ctx.fillStyle = p.inFlight;
  ctx.beginPath();
  ctx.moveTo(0, base);
  const first = Math.max(0, upperBound(t, s.t0) - 1);
  let lastX = 0;
  let lastN = n[first] ?? 0;
  ctx.lineTo(0, base - lastN * scaleY);
  for (let i = first + 1; i < t.length && t[i] < s.t1; i++) {
    const x = Math.max(0, xOf(s, t[i]));
    if (x - lastX < 0.5 && n[i] <= lastN) continue;
    ctx.lineTo(x, base - lastN * scaleY);
    ctx.lineTo(x, base - n[i] * scaleY);
    lastX = x;
    lastN = n[i];
  }
  ctx.lineTo(s.width, base - lastN * scaleY);
  ctx.lineTo(s.width, base);
  ctx.closePath();
  ctx.fill();
}
