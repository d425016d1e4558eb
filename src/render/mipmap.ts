/**
 * Level-of-detail pyramids for zoomed-out drawing (Perfetto's mipmap).
 * Level 0 splits the run into 65,536 buckets; each level above halves the
 * count. A bucket shows the code of the longest contribution to it (as
 * Perfetto keeps the longest slice per bucket), so a zoomed-out lane shows
 * where the time went, not every brief wait. Drawing reads at most one
 * bucket per pixel instead of every span; closer in, the painters use spans.
 * Built in typed arrays in one pass over the spans (a million spans in a few
 * milliseconds: the first draw of a big run waits for it).
 */
import type { PackedTrace } from '../engine/packed';
import { forEachLaneRect, type Rect, type Viewport } from './geometry';

const BASE_BUCKETS = 1 << 16;

/**
 * The weights behind the codes, needed only while a pyramid is built: shared
 * by every build (they run one at a time), so a big run's pyramids allocate
 * their codes and nothing else (allocation drives the collector, which a
 * page holding a million spans pays dearly for).
 */
const scratch = { level0: new Float32Array(BASE_BUCKETS), half: new Float32Array(BASE_BUCKETS / 2) };

/** Level 0 while it is being filled: the longest contribution to each bucket so far. */
class Buckets {
  /** Every level's codes in one buffer, level 0 first. */
  readonly all = new Int8Array(2 * BASE_BUCKETS - 1);
  readonly codes = this.all.subarray(0, BASE_BUCKETS).fill(-1);
  readonly weights = scratch.level0.fill(0);
  private readonly inv: number;

  constructor(readonly width: number) {
    this.inv = 1 / width;
  }

  add(start: number, end: number, code: number): void {
    const codes = this.codes;
    const weights = this.weights;
    const b0 = start > 0 ? Math.min(BASE_BUCKETS - 1, (start * this.inv) | 0) : 0;
    const b1 = end > 0 ? Math.min(BASE_BUCKETS - 1, ((end - 1e-12) * this.inv) | 0) : 0;
    // Most spans lie within one bucket: one comparison.
    if (b1 <= b0) {
      const w = end - start;
      if (codes[b0] < 0 || w > weights[b0]) {
        codes[b0] = code;
        weights[b0] = w;
      }
      return;
    }
    const B = this.width;
    for (let b = b0; b <= b1; b++) {
      const overlap = Math.min(end, (b + 1) * B) - Math.max(start, b * B);
      if (codes[b] < 0 || overlap > weights[b]) {
        codes[b] = code;
        weights[b] = overlap;
      }
    }
  }
}

export class Mipmap {
  /** Bucket width at level 0, in ms. */
  readonly bucket: number;
  private readonly levels: Int8Array[] = [];

  /** @param intervals calls `add(start, end, code)` for every interval to summarise */
  constructor(endT: number, intervals: (add: (start: number, end: number, code: number) => void) => void) {
    const level0 = new Buckets((this.bucket = Math.max(endT, 1e-6) / BASE_BUCKETS));
    intervals((start, end, code) => level0.add(start, end, code));
    this.build(level0);
  }

  /** A pyramid from a level 0 already filled (see `spanMipmap`). */
  static of(level0: Buckets): Mipmap {
    const m = Object.create(Mipmap.prototype) as Mipmap;
    (m as { bucket: number }).bucket = level0.width;
    (m as unknown as { levels: Int8Array[] }).levels = [];
    m.build(level0);
    return m;
  }

  private build(level0: Buckets): void {
    let codes = level0.codes;
    let weights = level0.weights;
    let at = codes.length;
    let inHalf = false;
    this.levels.push(codes);
    while (codes.length > 1) {
      const n = Math.ceil(codes.length / 2);
      const nextCodes = level0.all.subarray(at, at + n);
      at += n;
      // Ping-pong between the two scratch buffers: each level reads the one below.
      const nextWeights = (inHalf ? scratch.level0 : scratch.half).subarray(0, n);
      inHalf = !inHalf;
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

  /**
   * Emits the view's rects (x from the view's own `x0`), merging runs of one
   * code, without allocating (the painters call this every frame); returns
   * false when the view is too close for buckets.
   */
  forEachRect(v: Viewport, emit: (x: number, w: number, kind: number) => void): boolean {
    const b = this.bucketFor(v);
    if (!b) return false;
    const data = this.levels[b.level];
    const w = b.ms;
    const x0 = v.x0 ?? 0;
    const scale = v.width / (v.t1 - v.t0);
    const first = Math.max(0, Math.floor(v.t0 / w));
    const last = Math.min(data.length - 1, Math.floor(v.t1 / w));
    let i = first;
    while (i <= last) {
      const code = data[i];
      let j = i + 1;
      while (j <= last && data[j] === code) j++;
      if (code >= 0) {
        const a = Math.max(0, (i * w - v.t0) * scale);
        const z = Math.min(v.width, (j * w - v.t0) * scale);
        if (z > a) emit(x0 + a, Math.max(z - a, 1), code);
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

/** Spans of `lanes` as a pyramid of span kinds: a direct loop over the columns, no call per short span. */
export function spanMipmap(trace: PackedTrace, lanes: readonly number[]): Mipmap {
  const level0 = new Buckets(Math.max(trace.endT, 1e-6) / BASE_BUCKETS);
  const { codes, weights } = level0;
  const inv = 1 / level0.width;
  const { start, end, kind, offsets } = trace;
  for (const lane of lanes) {
    for (let i = offsets[lane]; i < offsets[lane + 1]; i++) {
      const s = start[i];
      const e = end[i];
      const b = s > 0 ? Math.min(BASE_BUCKETS - 1, (s * inv) | 0) : 0;
      // The common case inline (a span within one bucket); the rest through `add`.
      if (e * inv < b + 1) {
        const w = e - s;
        if (codes[b] < 0 || w > weights[b]) {
          codes[b] = kind[i];
          weights[b] = w;
        }
      } else level0.add(s, e, kind[i]);
    }
  }
  return Mipmap.of(level0);
}

/**
 * Runs the builders and the span scan once on a small made-up trace, so that
 * the first real run is drawn by optimised code: cold, the one pass over a
 * million spans takes several times longer (the page calls this when idle).
 */
export function warmUpMipmaps(): void {
  const n = 20_000;
  const start = Float64Array.from({ length: n }, (_, i) => i);
  const end = Float64Array.from({ length: n }, (_, i) => i + (i % 7 ? 0.5 : 40));
  const trace = {
    endT: n + 40,
    offsets: Uint32Array.of(0, n),
    start,
    end,
    kind: Uint8Array.from({ length: n }, (_, i) => i % 3),
  } as unknown as PackedTrace;
  for (let i = 0; i < 3; i++) {
    spanMipmap(trace, [0]);
    new Mipmap(trace.endT, (add) => {
      for (let k = 0; k < n; k++) add(start[k], end[k], k % 3);
    });
    forEachLaneRect(trace, [0], { t0: 100 * i, t1: 100 * i + 5000, width: 1000 }, () => {});
  }
}
