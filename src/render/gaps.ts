/**
 * Finds the stretches of a run worth compressing on the time axis: long
 * quiet stretches of the server, in which no span opens or closes on any of
 * its lanes and no lock changes hands (lanes of outside actors, such as
 * clients and the monitoring PING, do not break one: they are what a hung
 * server leaves waiting). Also says, in words, how long one lasts.
 */
import type { PackedTrace } from '../engine/packed';
import type { Gap } from './timeScale';
import { upperBound } from './geometry';
import { formatMs } from '../engine/duration';

export interface GapRule {
  /** A stretch shorter than this is never compressed (ms). */
  minMs: number;
  /** ...nor one shorter than this many times all the run's busy time together. */
  ratio: number;
  /** Kept at true scale at each end, as a share of the busy time: the moments around the stillness. */
  margin: number;
}

export const GAP_RULE: GapRule = { minMs: 10_000, ratio: 2, margin: 0.05 };

/** The quiet stretches of `lanes` (packed lane indices) to compress, in time order. */
export function findGaps(p: PackedTrace, lanes: readonly number[], rule: GapRule = GAP_RULE): Gap[] {
  if (!lanes.length || p.endT < rule.minMs) return [];
  let quiet: Gap[] = [{ t0: 0, t1: p.endT }];
  for (const lane of lanes) {
    quiet = intersect(quiet, quietOfLane(p, lane, rule.minMs));
    if (!quiet.length) return [];
  }
  // A lock changing hands is the server moving too.
  quiet = quiet.flatMap((g) => splitAt(g, p.handoffs.t)).filter((g) => g.t1 - g.t0 >= rule.minMs);
  const busy = p.endT - quiet.reduce((n, g) => n + (g.t1 - g.t0), 0);
  const m = rule.margin * busy;
  return quiet
    .filter((g) => g.t1 - g.t0 >= rule.ratio * busy)
    .map((g) => ({ t0: g.t0 + m, t1: g.t1 - m }))
    .filter((g) => g.t1 > g.t0);
}

/**
 * The stretches of at least `min` ms in which no span of the lane opens or
 * closes. Spans of a lane are sorted and never overlap, so its starts and
 * ends alternate in time order; an end at `endT` is the run's end, not the span's.
 */
function quietOfLane(p: PackedTrace, lane: number, min: number): Gap[] {
  const out: Gap[] = [];
  let last = 0;
  const add = (t: number) => {
    if (t - last >= min) out.push({ t0: last, t1: t });
    last = t;
  };
  for (let i = p.offsets[lane]; i < p.offsets[lane + 1]; i++) {
    add(p.start[i]);
    if (p.end[i] < p.endT) add(p.end[i]);
  }
  add(p.endT);
  return out;
}

/** The intersection of two sorted lists of disjoint intervals. */
function intersect(a: readonly Gap[], b: readonly Gap[]): Gap[] {
  const out: Gap[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const t0 = Math.max(a[i].t0, b[j].t0);
    const t1 = Math.min(a[i].t1, b[j].t1);
    if (t1 > t0) out.push({ t0, t1 });
    if (a[i].t1 < b[j].t1) i++;
    else j++;
  }
  return out;
}

/** `g` cut at every time of `times` (sorted) strictly inside it. */
function splitAt(g: Gap, times: ArrayLike<number>): Gap[] {
  const out: Gap[] = [];
  let from = g.t0;
  for (let k = upperBound(times, g.t0); k < times.length && times[k] < g.t1; k++) {
    out.push({ t0: from, t1: times[k] });
    from = times[k];
  }
  out.push({ t0: from, t1: g.t1 });
  return out;
}

/** A long duration in words: `7 h 42 min`, `3 min 20 s`, `42 s`. */
export function durationWords(ms: number): string {
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const min = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h) return min ? `${h} h ${min} min` : `${h} h`;
  if (min) return sec ? `${min} min ${sec} s` : `${min} min`;
  return `${sec} s`;
}

/** A time on the axis: `formatMs` up to a minute, then hours, minutes and seconds (`7 h 46 min 40.25 s`). */
export function axisTime(ms: number): string {
  if (Math.abs(ms) < 60_000) return formatMs(ms);
  const h = Math.floor(ms / 3_600_000);
  const min = Math.floor((ms % 3_600_000) / 60_000);
  const sec = +((ms % 60_000) / 1000).toFixed(4);
  return [h ? `${h} h` : '', min || h ? `${min} min` : '', `${sec} s`].filter(Boolean).join(' ');
}

/** What a gap's band says. */
export const gapLabel = (g: Gap) => `${durationWords(g.t1 - g.t0)}, nothing in the server moved`;
