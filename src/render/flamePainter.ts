/**
 * Paints a flame graph layout (root row at the top) on a canvas: frames in
 * passes grouped by fill (a frame's fill is fixed by its name, so the same
 * function has the same colour everywhere), names only where they fit, and
 * an outline around the highlighted frame.
 */
import type { FlameLayout, FlameNode } from './flame';

export interface FlameColors {
  /** Frame fills, picked by a hash of the frame's name. */
  fills: readonly string[];
  text: string;
  highlight: string;
  background: string;
}

export interface FlameSurface {
  width: number;
  height: number;
  dpr: number;
}

const FALLBACK: FlameColors = {
  fills: ['#f4a259', '#ee8a4b', '#e5703b', '#f6c45f', '#eaa645', '#dc5f3a', '#f19a6c', '#e9b35a'],
  text: '#1d2433',
  highlight: '#1f5fbf',
  background: '#ffffff',
};
export { FALLBACK as DEFAULT_FLAME_COLORS };

/** Colours from the element's CSS custom properties (`--flame-0`…`--flame-7`, `--flame-text`, …). */
export function readFlameColors(el: Element | null): FlameColors {
  if (!el || typeof getComputedStyle === 'undefined') return FALLBACK;
  const css = getComputedStyle(el);
  const get = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    fills: FALLBACK.fills.map((f, i) => get(`--flame-${i}`, f)),
    text: get('--flame-text', FALLBACK.text),
    highlight: get('--flame-highlight', FALLBACK.highlight),
    background: get('--flame-background', FALLBACK.background),
  };
}

const FONT = '11px system-ui, sans-serif';
const TEXT_MIN_PX = 24;
const fillIndex = new Map<string, number>();
const widths = new Map<string, number>();
const inks = new Map<string, string>();
/** Reused between paints: x, y, w, h per frame, one list per fill. */
const byFill: number[][] = [];

export function fillOf(name: string, n: number): number {
  let i = fillIndex.get(name);
  if (i === undefined) {
    let h = 2166136261;
    for (let k = 0; k < name.length; k++) h = Math.imul(h ^ name.charCodeAt(k), 16777619);
    i = h >>> 0;
    fillIndex.set(name, i);
  }
  return i % n;
}

export function paintFlame(
  ctx: CanvasRenderingContext2D,
  layout: FlameLayout,
  s: FlameSurface,
  c: FlameColors,
  highlight?: FlameNode | null,
): void {
  ctx.setTransform(s.dpr, 0, 0, s.dpr, 0, 0);
  ctx.clearRect(0, 0, s.width, s.height);
  const rh = layout.rowHeight;
  const n = c.fills.length;
  while (byFill.length < n) byFill.push([]);
  for (const list of byFill) list.length = 0;
  for (const r of layout.rects) {
    // A one-pixel gap separates neighbours once they are wide enough to spare it.
    const w = r.w >= 3 ? r.w - 1 : r.w;
    byFill[fillOf(r.node.name, n)].push(r.x, r.depth * rh, w, rh - 1);
  }
  for (let k = 0; k < n; k++) {
    const list = byFill[k];
    if (!list.length) continue;
    ctx.fillStyle = c.fills[k];
    for (let i = 0; i < list.length; i += 4) ctx.fillRect(list[i], list[i + 1], list[i + 2], list[i + 3]);
  }
  ctx.font = FONT;
  ctx.textBaseline = 'middle';
  for (const r of layout.rects) {
    if (r.w < TEXT_MIN_PX) continue;
    const text = fitLabel(ctx, r.node.name, r.w - 6);
    if (!text) continue;
    ctx.fillStyle = inkOn(c.fills[fillOf(r.node.name, n)], c.text);
    ctx.fillText(text, r.x + 3, r.depth * rh + rh / 2);
  }
  if (highlight) {
    ctx.strokeStyle = c.highlight;
    ctx.lineWidth = 2;
    for (const r of layout.rects) {
      if (r.node !== highlight) continue;
      ctx.strokeRect(r.x + 1, r.depth * rh + 1, Math.max(1, r.w - 2), rh - 3);
    }
  }
}

/** `text`, or its head with an ellipsis, in at most `room` pixels; null when not even three letters fit. */
export function fitLabel(ctx: CanvasRenderingContext2D, text: string, room: number): string | null {
  let w = widths.get(text);
  if (w === undefined) {
    w = ctx.measureText(text).width;
    widths.set(text, w);
  }
  if (w <= room) return text;
  const chars = Math.floor((room / w) * text.length) - 1;
  return chars >= 3 ? text.slice(0, chars) + '…' : null;
}

/** Dark or light text, whichever reads on `fill` (#rrggbb; anything else gets the theme's text colour). */
export function inkOn(fill: string, text: string): string {
  let ink = inks.get(fill);
  if (ink === undefined) {
    const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(fill.trim());
    if (!m) return text;
    const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h, 16) / 255);
    ink = 0.299 * r + 0.587 * g + 0.114 * b > 0.55 ? '#111827' : '#ffffff';
    inks.set(fill, ink);
  }
  return ink;
}
