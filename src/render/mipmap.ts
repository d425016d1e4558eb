/**
 * Level-of-detail pyramids for zoomed-out drawing (Perfetto's mipmap).
 * Level 0 splits the run into 65,536 buckets; each level above halves the
 * count. A bucket shows the code of the longest contribution to it (as
 * Perfetto keeps the longest slice per bucket), so a zoomed-out lane shows
 * where the time went, not every brief wait. Drawing reads at most one
 * bucket per pixel instead of every span; closer in, the painters use spans.
 */
import type { PackedTrace } from '../engine/packed';
import type { Rect, Viewport } from './geometry';

const BASE_BUCKETS = 1 << 16;

export class Mipmap {
  /** Bucket width at level 0, in ms. */
  readonly bucket: number;
  private readonly levels: Int8Array[] = [];

  /** @param intervals calls `add(start, end, code)` for every interval to summarise */
  constructor(endT: number, intervals: (add: (start: number, end: number, code: number) => void) => void) {
    const B = (this.bucket = Math.max(endT, 1e-6) / BASE_BUCKETS);
    let codes = new Int8Array(BASE_BUCKETS).fill(-1);
    let weights = new Float32Array(BASE_BUCKETS);
    intervals((start, end, code) => {
      const b0 = Math.max(0, Math.floor(start / B));
      const b1 = Math.min(BASE_BUCKETS - 1, Math.floor(Math.max(start, end - 1e-12) / B));
      for (let b = b0; b <= b1; b++) {
        const overlap = Math.min(end, (b + 1) * B) - Math.max(start, b * B);
        if (codes[b] < 0 || overlap > weights[b]) {
          codes[b] = code;
          weights[b] = overlap;
        }
      }
    });
    this.levels.push(codes);
    while (codes.length > 1) {
      const n = Math.ceil(codes.length / 2);
      const nextCodes = new Int8Array(n);
      const nextWeights = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        const a = 2 * i;
        const b = a + 1 < codes.length ? a + 1 : a;
        const pick = codes[a] < 0 || (codes[b] >= 0 && weights[b] > weights[a]) ? b : a;
        nextCodes[i] = codes[pick];
        nextWeights[i] = weights[pick];
      }
      this.levels.push(nextCodes);
      codes = nextCodes;
      weights = nextWeights;
    }
  }

  /** Rects for the view, or null when the view is too close for buckets (draw the spans). */
  rects(v: Viewport): Rect[] | null {
    const out: Rect[] = [];
    return this.forEachRect(v, (x, w, kind) => out.push({ x, w, kind })) ? out : null;
  }

  /**
   * Emits the view's rects without allocating (the painters call this every
   * frame); returns false when the view is too close for buckets.
   */
  /**
   * The level and bucket width (ms) drawn for a view: the narrowest buckets at
   * least a pixel wide (one mark per pixel column at most: fillRect dominates
   * the cost); null when the view is closer than one base bucket per pixel.
   */
  bucketFor(v: Viewport): { level: number; ms: number } | null {
    const msPerPx = (v.t1 - v.t0) / v.width;
    if (msPerPx < this.bucket) return null;
    const level = Math.min(Math.ceil(Math.log2(msPerPx / this.bucket)), this.levels.length - 1);
    return { level, ms: this.bucket * 2 ** level };
  }

  forEachRect(v: Viewport, emit: (x: number, w: number, kind: number) => void): boolean {
    const b = this.bucketFor(v);
    if (!b) return false;
    const data = this.levels[b.level];
    const w = b.ms;
    const scale = v.width / (v.t1 - v.t0);
    const first = Math.max(0, Math.floor(v.t0 / w));
    const last = Math.min(data.length - 1, Math.floor(v.t1 / w));
    let i = first;
    while (i <= last) {
      const code = data[i];
      let j = i + 1;
      while (j <= last && data[j] === code) j++;
      if (code >= 0) {
        const x0 = Math.max(0, (i * w - v.t0) * scale);
        const x1 = Math.min(v.width, (j * w - v.t0) * scale);
        if (x1 > x0) emit(x0, Math.max(x1 - x0, 1), code);
      }
      i = j;
    }
    return true;
  }
}

const cache = new WeakMap<PackedTrace, Map<string, Mipmap>>();

/** The pyramid for `key`, built on first use and kept with the trace. */
export function mipmapFor(trace: PackedTrace, key: string, build: () => Mipmap): Mipmap {
  let m = cache.get(trace);
  if (!m) cache.set(trace, (m = new Map()));
  let mm = m.get(key);
  if (!mm) m.set(key, (mm = build()));
  return mm;
}

/** Spans of `lanes` as a pyramid of span kinds. */
export function spanMipmap(trace: PackedTrace, lanes: readonly number[]): Mipmap {
  return new Mipmap(trace.endT, (add) => {
    for (const lane of lanes) {
      for (let i = trace.offsets[lane]; i < trace.offsets[lane + 1]; i++)
        add(trace.start[i], trace.end[i], trace.kind[i]);
    }
  });
}
