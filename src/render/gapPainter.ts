/**
 * Paints the compressed gaps of the time axis over the span layer: a wash
 * that leaves the spans crossing the gap visible through it, a hatch, a
 * zig-zag break at each edge (the mark of a broken axis), and what the gap
 * is, in words, written along the band (across it once it is wide enough).
 */
import { durationWords, gapLabel } from './gaps';
import type { Palette } from './palette';
import type { Band } from './timeScale';

export interface GapSurface {
  width: number;
  height: number;
}

const ZIG = { step: 6, amp: 3 };
const HATCH = 10;
const FONT = '600 11px system-ui, sans-serif';

export function paintGaps(ctx: CanvasRenderingContext2D, bands: readonly Band[], s: GapSurface, p: Palette): void {
  for (const b of bands) {
    const x0 = Math.max(b.x0, -ZIG.amp);
    const x1 = Math.min(b.x1, s.width + ZIG.amp);
    const w = x1 - x0;
    if (w <= 0) continue;
    ctx.save();
    ctx.beginPath();
    ctx.rect(x0, 0, w, s.height);
    ctx.clip();
    ctx.globalAlpha = 0.6;
    ctx.fillStyle = p.background;
    ctx.fillRect(x0, 0, w, s.height);
    ctx.globalAlpha = 0.5;
    ctx.strokeStyle = p.handoff;
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let x = x0 - s.height; x < x1; x += HATCH) {
      ctx.moveTo(x, s.height);
      ctx.lineTo(x + s.height, 0);
    }
    ctx.stroke();
    ctx.restore();
    for (const x of [b.x0, b.x1]) if (x > -ZIG.amp && x < s.width + ZIG.amp) zigzag(ctx, x, s.height, p);
    label(ctx, b, x0, x1, s, p);
  }
}

/** A vertical zig-zag at x, on a halo of the background so it reads over any span. */
function zigzag(ctx: CanvasRenderingContext2D, x: number, height: number, p: Palette) {
  const path = () => {
    ctx.beginPath();
    ctx.moveTo(x, 0);
    for (let y = 0, k = 0; y < height; y += ZIG.step, k++) ctx.lineTo(x + (k % 2 ? ZIG.amp : -ZIG.amp), y + ZIG.step);
  };
  path();
  ctx.strokeStyle = p.background;
  ctx.lineWidth = 4;
  ctx.stroke();
  path();
  ctx.strokeStyle = p.text;
  ctx.lineWidth = 1.5;
  ctx.stroke();
}

/** The gap in words: along the band (rotated) while it is narrow, across it once the words fit. */
function label(ctx: CanvasRenderingContext2D, b: Band, x0: number, x1: number, s: GapSurface, p: Palette) {
  ctx.save();
  ctx.font = FONT;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'center';
  const long = gapLabel(b.gap);
  const across = ctx.measureText(long).width + 16 <= x1 - x0;
  const room = across ? x1 - x0 : s.height;
  const text = ctx.measureText(long).width + 16 <= room ? long : durationWords(b.gap.t1 - b.gap.t0);
  const tw = ctx.measureText(text).width;
  const cx = (x0 + x1) / 2;
  // Along the band, the words start near the top: a tall timeline's middle may be below the fold.
  const cy = across ? 14 : Math.min(s.height / 2, tw / 2 + 12);
  ctx.translate(cx, cy);
  if (!across) ctx.rotate(-Math.PI / 2);
  ctx.fillStyle = p.background;
  ctx.globalAlpha = 0.92;
  ctx.fillRect(-tw / 2 - 5, -8, tw + 10, 16);
  ctx.globalAlpha = 1;
  ctx.fillStyle = p.text;
  ctx.fillText(text, 0, 0);
  ctx.restore();
}
