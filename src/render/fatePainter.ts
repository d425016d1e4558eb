/**
 * Paints the point-of-no-return strip above the lanes, in the timeline's
 * time coordinates: each sample colours the stretch from its time to the
 * next sample's. Green where no future hangs, amber where some do (the more
 * of them, the darker), red where every one does or the cycle has closed.
 */
import type { FateSample } from '../engine/futures';
import type { Palette } from './palette';
import type { Surface } from './timelinePainter';
import { scaleOf } from './timeScale';

/** The colour and opacity of one sample. */
export function fateFill(s: FateSample, p: Palette): { color: string; alpha: number } {
  if (s.fate === 'impossible') return { color: p.fateSafe, alpha: 1 };
  if (s.fate === 'inevitable') return { color: p.cycle, alpha: 1 };
  if (s.fate === 'unknown') return { color: p.fateUnknown, alpha: 1 };
  const share = s.futures ? (s.hangs + s.crashes) / s.futures : 0.5;
  return { color: p.fateSome, alpha: 0.35 + 0.65 * share };
}

/** The x-extent of each sample in view: [x0, x1) clipped to the surface, or null when off screen. */
export function fateExtents(samples: readonly FateSample[], endT: number, s: Surface): ([number, number] | null)[] {
  const scale = scaleOf(s);
  return samples.map((f, i) => {
    const t1 = i + 1 < samples.length ? samples[i + 1].t : Math.max(endT, f.t);
    const x0 = Math.max(0, scale.x(f.t));
    const x1 = Math.min(s.width, scale.x(t1));
    // A stretch of zero time (several steps at one instant) still shows as a pixel at its moment.
    if (x1 < 0 || x0 > s.width) return null;
    return [x0, Math.max(x1, x0 + 1)];
  });
}

export function paintFates(
  ctx: CanvasRenderingContext2D,
  samples: readonly FateSample[],
  endT: number,
  s: Surface,
  p: Palette,
): void {
  ctx.setTransform(s.dpr, 0, 0, s.dpr, 0, 0);
  ctx.clearRect(0, 0, s.width, s.height);
  const ext = fateExtents(samples, endT, s);
  samples.forEach((f, i) => {
    const e = ext[i];
    if (!e) return;
    const { color, alpha } = fateFill(f, p);
    ctx.globalAlpha = alpha;
    ctx.fillStyle = color;
    ctx.fillRect(e[0], 0, e[1] - e[0], s.height);
  });
  ctx.globalAlpha = 1;
}
