/**
 * The timeline's one mapping between virtual time and x (CSS pixels): zoom,
 * pan, the axis, the cursor, hover, selection, the fate strip, the overlays
 * and the command pins all go through a TimeScale, so nothing disagrees.
 *
 * Piecewise linear. Outside gaps, x = rho * u(t) - offset, where rho is the
 * zoom (pixels per millisecond) and u is time with each gap collapsed: a gap
 * of `len` ms counts as `h(rho)` ms. When the whole run is in view a gap is
 * a band of BAND_PX pixels; zooming in widens it in proportion (it costs as
 * much panning as the same share of the run) until it is as wide as the
 * view; from there each zoom step also relaxes its compression, so a user
 * who keeps zooming into a gap ends up seeing it at true scale.
 * Immutable: zoom and pan return a new scale.
 */
import { scaleLinear } from 'd3-scale';

/** A stretch of the run drawn compressed: [t0, t1] in virtual ms. */
export interface Gap {
  t0: number;
  t1: number;
}

/** A linear stretch of the view: [t0, t1] drawn over [x0, x0 + width]. `gap` is the gap's index, or -1. */
export interface Piece {
  t0: number;
  t1: number;
  x0: number;
  width: number;
  gap: number;
}

/** A gap on screen. */
export interface Band {
  gap: Gap;
  x0: number;
  x1: number;
}

/** A gap's width when the whole run is in view. */
export const BAND_PX = 64;
/** A gap gets ticks of its own once it is this many tick spacings wide. */
export const GAP_TICKS = 3;
/** The narrowest window outside gaps (ms): single steps are readable at it. */
export const MIN_WINDOW_MS = 0.002;

interface Axis {
  endT: number;
  gaps: readonly Gap[];
  width: number;
  /** A gap's collapsed length while the zoom has not relaxed it (ms). */
  h0: number;
  /** The whole run in view, and the closest zoom. */
  rhoMin: number;
  rhoMax: number;
}

export class TimeScale {
  /** Each gap's collapsed length at this zoom. */
  private readonly h: number[];

  private constructor(
    private readonly axis: Axis,
    /** Pixels per ms outside gaps. */
    readonly rho: number,
    /** x of time 0, negated (the pan). */
    readonly offset: number,
  ) {
    this.h = collapsed(axis, rho);
  }

  /** The run [0, endT] drawn `width` wide with `gaps` compressed, fitted. */
  static create(endT: number, gaps: readonly Gap[], width: number): TimeScale {
    const len = gaps.reduce((n, g) => n + (g.t1 - g.t0), 0);
    const rest = Math.max(endT - len, 1e-9);
    const band = Math.min(BAND_PX, width / (4 * Math.max(1, gaps.length)));
    const h0 = gaps.length ? (band * rest) / (width - gaps.length * band) : 0;
    const axis: Axis = { endT, gaps, width, h0, rhoMin: 0, rhoMax: 0 };
    axis.rhoMin = width / uLength(axis, collapsed(axis, 0));
    axis.rhoMax = Math.max(2 * axis.rhoMin, width / MIN_WINDOW_MS);
    return new TimeScale(axis, axis.rhoMin, 0);
  }

  /** A plain linear scale showing [t0, t1] (no gaps, no limits): for painters called without one. */
  static linear(t0: number, t1: number, width: number): TimeScale {
    const rho = width / (t1 - t0);
    return new TimeScale({ endT: Infinity, gaps: [], width, h0: 0, rhoMin: rho, rhoMax: rho }, rho, rho * t0);
  }

  get width(): number {
    return this.axis.width;
  }
  get endT(): number {
    return this.axis.endT;
  }
  get gaps(): readonly Gap[] {
    return this.axis.gaps;
  }
  /** The window in view. */
  get t0(): number {
    return this.t(0);
  }
  get t1(): number {
    return this.t(this.axis.width);
  }
  /** The whole run is in view. */
  get fitted(): boolean {
    return this.rho <= this.axis.rhoMin * (1 + 1e-9);
  }

  /** x of time t. */
  x(t: number): number {
    return this.rho * u(this.axis.gaps, this.h, t) - this.offset;
  }

  /** Time at x (the inverse of `x`). */
  t(x: number): number {
    const gaps = this.axis.gaps;
    const v = (x + this.offset) / this.rho;
    let acc = 0;
    for (let i = 0; i < gaps.length; i++) {
      const g = gaps[i];
      const a = g.t0 - acc;
      if (v <= a) break;
      if (v < a + this.h[i]) return g.t0 + ((v - a) * (g.t1 - g.t0)) / this.h[i];
      acc += g.t1 - g.t0 - this.h[i];
    }
    return v + acc;
  }

  /** Zoomed by `f` (> 1: in) about x = `at`, whose time stays under it. */
  zoomAt(f: number, at: number): TimeScale {
    const { rhoMin, rhoMax } = this.axis;
    const rho = Math.min(rhoMax, Math.max(rhoMin, this.rho * f));
    const t = this.t(at);
    return this.at(rho, rho * u(this.axis.gaps, collapsed(this.axis, rho), t) - at);
  }

  /** Moved right by `dx` pixels (the content follows the pointer). */
  panBy(dx: number): TimeScale {
    return this.at(this.rho, this.offset - dx);
  }

  /** The whole run in view. */
  fit(): TimeScale {
    return this.at(this.axis.rhoMin, 0);
  }

  /** As close as the limits allow to showing [t0, t1] across the width. */
  window(t0: number, t1: number): TimeScale {
    const a = this.axis;
    const span = (rho: number) => {
      const h = collapsed(a, rho);
      return rho * (u(a.gaps, h, t1) - u(a.gaps, h, t0));
    };
    // The drawn width of [t0, t1] grows with the zoom: bisect on log(rho).
    let lo = Math.log(a.rhoMin);
    let hi = Math.log(a.rhoMax);
    if (span(a.rhoMin) >= a.width) hi = lo;
    else if (span(a.rhoMax) <= a.width) lo = hi;
    for (let i = 0; i < 60 && hi - lo > 1e-12; i++) {
      const mid = (lo + hi) / 2;
      if (span(Math.exp(mid)) < a.width) lo = mid;
      else hi = mid;
    }
    const rho = Math.exp((lo + hi) / 2);
    return this.at(rho, rho * u(a.gaps, collapsed(a, rho), t0));
  }

  /** The same view for another width: the same window, refitted if it was fitted. */
  resized(endT: number, gaps: readonly Gap[], width: number): TimeScale {
    const next = TimeScale.create(endT, gaps, width);
    return this.fitted ? next : next.window(this.t0, this.t1);
  }

  /** The linear stretches in view, left to right. */
  pieces(): Piece[] {
    const { gaps, endT, width } = this.axis;
    const t0 = this.t0;
    const t1 = this.t1;
    const out: Piece[] = [];
    const push = (a: number, b: number, gap: number) => {
      const lo = Math.max(a, t0);
      const hi = Math.min(b, t1);
      if (hi <= lo) return;
      const x0 = gap < 0 && lo === t0 ? 0 : this.x(lo);
      const x1 = gap < 0 && hi === t1 ? width : this.x(hi);
      if (x1 > x0) out.push({ t0: lo, t1: hi, x0, width: x1 - x0, gap });
    };
    let from = -Infinity;
    gaps.forEach((g, i) => {
      push(from, g.t0, -1);
      push(g.t0, g.t1, i);
      from = g.t1;
    });
    push(from, Math.max(endT, t1), -1);
    return out;
  }

  /** The gaps in view. */
  bands(): Band[] {
    const w = this.axis.width;
    return this.axis.gaps
      .map((gap) => ({ gap, x0: this.x(gap.t0), x1: this.x(gap.t1) }))
      .filter((b) => b.x1 > 0 && b.x0 < w);
  }

  /** The gap a time lies in, or null. */
  gapAt(t: number): Gap | null {
    return this.axis.gaps.find((g) => t > g.t0 && t < g.t1) ?? null;
  }

  /**
   * Round tick times, about one per `every` pixels, from each linear stretch
   * wide enough for one (a band only once it is opened up), none crowding another.
   */
  ticks(every: number): number[] {
    const out: number[] = [];
    // A band's edges count as taken: its mark sits there.
    const xs: number[] = this.bands().flatMap((b) => [b.x0, b.x1]);
    for (const p of this.pieces()) {
      if (p.width < (p.gap < 0 ? every : GAP_TICKS * every)) continue;
      const n = Math.max(1, Math.floor(p.width / every));
      for (const t of scaleLinear().domain([p.t0, p.t1]).ticks(n)) {
        const x = this.x(t);
        if (t < p.t0 || t > p.t1 || xs.some((y) => Math.abs(y - x) < every / 2)) continue;
        out.push(t);
        xs.push(x);
      }
    }
    return out;
  }

  /** The same axis at zoom `rho`, panned to `offset`, both kept within the run. */
  private at(rho: number, offset: number): TimeScale {
    const a = this.axis;
    if (!Number.isFinite(a.endT)) return new TimeScale(a, rho, offset);
    const max = Math.max(0, rho * uLength(a, collapsed(a, rho)) - a.width);
    return new TimeScale(a, rho, Math.min(max, Math.max(0, offset)));
  }
}

/** Each gap's collapsed length at zoom rho: h0 until the band would fill the view, then relaxing to its true length. */
function collapsed(a: Axis, rho: number): number[] {
  const relax = Math.max(1, (rho * a.h0) / a.width);
  return a.gaps.map((g) => Math.min(g.t1 - g.t0, a.h0 * relax));
}

/** Time with the gaps before it collapsed. */
function u(gaps: readonly Gap[], h: readonly number[], t: number): number {
  let acc = 0;
  for (let i = 0; i < gaps.length; i++) {
    const g = gaps[i];
    if (t <= g.t0) break;
    const len = g.t1 - g.t0;
    if (t >= g.t1) acc += len - h[i];
    else {
      acc += (t - g.t0) * (1 - h[i] / len);
      break;
    }
  }
  return t - acc;
}

const uLength = (a: Axis, h: readonly number[]) => u(a.gaps, h, a.endT);

/** A painter's scale: the surface's own, or a linear one over its window (callers that draw without gaps). */
export const scaleOf = (s: { t0: number; t1: number; width: number; scale?: TimeScale }): TimeScale =>
  s.scale ?? TimeScale.linear(s.t0, s.t1, s.width);
