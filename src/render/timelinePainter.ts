/**
 * Paints the span layer of the swimlane timeline: one row per thread (or
 * collapsed group), the GIL's owner over time, the clients' in-flight
 * count, and the compressed gaps over them. Each linear piece of the view's
 * TimeScale is drawn on its own (a span crossing a gap is drawn through
 * it) into rows of pixels (render/raster: a frame is a dozen draws, not
 * thousands of fillRects), and function names are written only where they fit.
 */
import type { PackedTrace } from '../engine/packed';
import type { LoadSeries } from '../incidents/module';
import { forEachLaneRect, gilIntervals, gilSegments, upperBound, type Row, type Viewport } from './geometry';
import { Mipmap, mipmapFor, spanMipmap } from './mipmap';
import { colorOf, type Palette } from './palette';
import { scaleOf, type Piece, type TimeScale } from './timeScale';
import { paintGaps } from './gapPainter';
import { rowRaster } from './raster';

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

/** What a painter draws on: the window in view, the canvas's size, and the view's scale (linear over [t0, t1] when absent). */
export interface Surface extends Viewport {
  height: number;
  dpr: number;
  scale?: TimeScale;
}

const LABEL_MIN_PX = 60;
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

  const scale = scaleOf(s);
  const pieces = scale.pieces();
  const labels: Label[] = [];
  const painted = d.rows.filter((r) => r.kind !== 'clients');
  const m = marks(ctx, s, painted);
  const kindColors = d.trace.kinds.map((k) => colorOf(p, k));
  painted.forEach((r, row) => {
    if (r.kind === 'lock') {
      for (const piece of pieces) paintGil(d, r, row, piece, p, m, labels);
      return;
    }
    const pyramid = mipmapFor(d.trace, `row:${r.key}`, () => spanMipmap(d.trace, r.lanes));
    const add = (x: number, w: number, kind: number) => m.add(row, x, w, kindColors[kind]);
    for (const piece of pieces) {
      if (!pyramid.forEachRect(piece, add)) forEachLaneRect(d.trace, r.lanes, piece, add);
      if (r.kind === 'lane' && labelled(piece)) collectLabels(d, r, piece, labels, p);
    }
  });
  m.flush();
  for (const r of d.rows) if (r.kind === 'clients') paintInFlight(ctx, d, r, scale, p);
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
  paintGaps(ctx, scale.bands(), s, p);
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

function collectLabels(d: TimelineData, r: Row, s: Viewport, out: Label[], p: Palette) {
  const t = d.trace;
  const lane = r.lanes[0];
  const scale = s.width / (s.t1 - s.t0);
  const left = s.x0 ?? 0;
  const hi = t.offsets[lane + 1];
  let i = upperBound(t.end, s.t0, t.offsets[lane], hi);
  if (upperBound(t.start, s.t1, i, hi) - i > LABEL_SCAN_LIMIT) return;
  for (let n = 0; i < hi && t.start[i] < s.t1 && n < 400; i++) {
    const x0 = left + Math.max(0, (t.start[i] - s.t0) * scale);
    const x1 = left + Math.min(s.width, (t.end[i] - s.t0) * scale);
    const kind = t.kinds[t.kind[i]];
    if (x1 - x0 < LABEL_MIN_PX || d.quiet.has(kind)) continue;
    out.push({ x: x0, y: r.y + r.height / 2, w: x1 - x0, text: t.strings[t.fn[i]], fill: colorOf(p, kind) });
    n++;
  }
}

/** A narrow gap's band says what it is: the names of the spans through it would only clutter it. */
const labelled = (piece: Piece) => piece.gap < 0 || piece.width >= 4 * LABEL_MIN_PX;

function paintGil(d: TimelineData, r: Row, row: number, s: Piece, p: Palette, m: Marks, labels: Label[]) {
  const pyramid = mipmapFor(
    d.trace,
    `lock:${r.key}`,
    () => new Mipmap(d.trace.endT, (add) => gilIntervals(d.trace, add, d.ownerClass)),
  );
  const colors = ownerColors(p);
  const coarse = pyramid.forEachRect(s, (x, w, kind) => {
    if (kind < colors.length) m.add(row, x, w, colors[kind]); // else free
  });
  if (coarse) return;
  for (const seg of gilSegments(d.trace, s)) {
    const owner = d.trace.lanes[seg.owner];
    const fill = ownerColor(owner, d, p);
    m.add(row, seg.x, seg.w, fill);
    if (seg.w >= LABEL_MIN_PX && labelled(s))
      labels.push({ x: seg.x, y: r.y + r.height / 2, w: seg.w, text: owner, fill });
  }
}

/** Where a frame's span rectangles go: rows of pixels where a canvas can be made, else fillRects grouped by colour. */
interface Marks {
  add(row: number, x: number, w: number, color: string): void;
  flush(): void;
}

function marks(ctx: CanvasRenderingContext2D, s: Surface, rows: readonly Row[]): Marks {
  const boxes = rows.map((r) => ({ top: r.y + PAD, height: r.height - 2 * PAD }));
  const raster = rowRaster(ctx, s.width, rows.length, s.dpr);
  if (raster)
    return {
      add: (row, x, w, color) => raster.fill(row, x, x + w, color),
      flush: () => raster.draw(ctx, boxes, s.width),
    };
  const byColor = new Map<string, number[]>();
  return {
    add: (row, x, w, color) => {
      let list = byColor.get(color);
      if (!list) byColor.set(color, (list = []));
      list.push(x, boxes[row].top, w, boxes[row].height);
    },
    flush: () => {
      for (const [color, list] of byColor) {
        ctx.fillStyle = color;
        for (let i = 0; i < list.length; i += 4) ctx.fillRect(list[i], list[i + 1], list[i + 2], list[i + 3]);
      }
    },
  };
}

function paintInFlight(ctx: CanvasRenderingContext2D, d: TimelineData, r: Row, s: TimeScale, p: Palette) {
  const { t, n } = d.load;
  if (!t.length || d.maxInFlight <= 0) return;
  const base = r.y + r.height - PAD;
  const scaleY = (r.height - 2 * PAD) / d.maxInFlight;
  ctx.fillStyle = p.inFlight;
  ctx.beginPath();
  ctx.moveTo(0, base);
  const t0 = s.t0;
  const t1 = s.t1;
  const first = Math.max(0, upperBound(t, t0) - 1);
  let lastX = 0;
  let lastN = n[first] ?? 0;
  ctx.lineTo(0, base - lastN * scaleY);
  for (let i = first + 1; i < t.length && t[i] < t1; i++) {
    const x = Math.max(0, s.x(t[i]));
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
