/**
 * The point of no return for timed runs, where exploring every interleaving
 * is out of reach: from a step, a number of alternative futures (the
 * scheduler's tie-breaks and the work durations drawn from other seeds) are
 * run to a horizon and counted by how they end. A step where the run is
 * already stuck is known exactly; elsewhere the band is a sample, and says so.
 * Sample points are spread over the run, then bisected where the count
 * changes between none, some and all, so the moment it tips is found to the step.
 */
import { badState, type Fate } from './explorer';
import { streamSeed } from './rng';
import type { Simulation } from './simulation';

/** Virtual ms between checks for a hang while a future runs. */
const CHECK_EVERY_MS = 5;
/** How long a future still runs once the incident says it is settled. */
const SETTLED_WINDOW_MS = 10;

export interface FutureCount {
  futures: number;
  hangs: number;
  crashes: number;
}

/** Runs `count` futures of the current world to `until` (the world is left as it was). */
export function sampleFutures<C, S>(
  sim: Simulation<C, S>,
  opts: { count: number; until: number; seed: number },
): FutureCount {
  const start = sim.saveWorld();
  const out: FutureCount = { futures: opts.count, hangs: 0, crashes: 0 };
  try {
    for (let k = 0; k < opts.count; k++) {
      sim.loadWorld(start);
      sim.reseed(streamSeed(opts.seed, k));
      // A hang never un-hangs and a crash ends the run: stop at the first check that finds either.
      let bad = badState(sim);
      let until = opts.until;
      for (let at = sim.view.t; !bad && at < until;) {
        at = Math.min(until, at + CHECK_EVERY_MS);
        sim.run({ until: at });
        bad = badState(sim);
        // Once the operator's commands are done with, only stragglers remain: a short while more.
        if (until === opts.until && sim.incident.settled?.(sim.view)) until = Math.min(until, at + SETTLED_WINDOW_MS);
      }
      if (bad?.kind === 'crash') out.crashes++;
      else if (bad) out.hangs++;
    }
  } finally {
    sim.loadWorld(start);
  }
  return out;
}

export interface FateSample extends FutureCount {
  step: number;
  /** Virtual ms at that step. */
  t: number;
  fate: Fate;
  /** True when the fate is known, not sampled (the run is already stuck or crashed there). */
  exact: boolean;
  /** At the point of no return: the move taken there and the work then in flight, in the incident's words. */
  note?: string;
}

export interface BandOptions {
  /** Evenly spread sample points before refinement. */
  points: number;
  /** At most this many more points, spent bisecting where the fate changes. */
  refine: number;
  /** Futures per point. */
  futures: number;
  seed: number;
  /** Steps that must be among the points (where the run's own outcome is decided, say). */
  marks?: readonly number[];
  /** How far (virtual ms) the futures from a point at time `t` run. */
  horizon: (t: number) => number;
}

const fateOfCount = (c: FutureCount): Fate =>
  c.hangs + c.crashes === 0 ? 'impossible' : c.hangs + c.crashes === c.futures ? 'inevitable' : 'possible';

/**
 * Samples the band of a run between two of its steps: `run` follows the run
 * (and can seek to any of its steps); `future` is the same scenario without
 * recorded choices, in which the futures are played. Yields the number of
 * points done so far, returns the samples by step.
 */
export function* futureBand<C, S>(
  run: Simulation<C, S>,
  future: Simulation<C, S>,
  steps: { first: number; last: number },
  o: BandOptions,
): Generator<number, FateSample[]> {
  const samples = new Map<number, FateSample>();
  const sample = (step: number): FateSample => {
    const known = samples.get(step);
    if (known) return known;
    run.seek(step);
    const t = run.view.t;
    const bad = badState(run);
    let s: FateSample;
    if (bad) {
      const n = o.futures;
      s = {
        step,
        t,
        futures: n,
        hangs: bad.kind === 'crash' ? 0 : n,
        crashes: bad.kind === 'crash' ? n : 0,
        fate: 'inevitable',
        exact: true,
      };
    } else {
      future.loadWorld(run.saveWorld());
      const c = sampleFutures(future, { count: o.futures, until: o.horizon(t), seed: o.seed });
      s = { step, t, ...c, fate: fateOfCount(c), exact: false };
    }
    samples.set(step, s);
    return s;
  };
  const n = Math.max(2, o.points);
  for (let i = 0; i < n; i++) {
    sample(Math.round(steps.first + (i * (steps.last - steps.first)) / (n - 1)));
    yield samples.size;
  }
  for (const m of o.marks ?? []) {
    if (m < steps.first || m > steps.last) continue;
    sample(m);
    yield samples.size;
  }
  // Bisect the first change of fate in each stretch, earliest first, until the budget is spent.
  let budget = o.refine;
  while (budget > 0) {
    const sorted = [...samples.values()].sort((a, b) => a.step - b.step);
    const gap = sorted.findIndex((s, i) => i > 0 && s.fate !== sorted[i - 1].fate && s.step - sorted[i - 1].step > 1);
    if (gap < 0) break;
    sample(Math.floor((sorted[gap - 1].step + sorted[gap].step) / 2));
    budget--;
    yield samples.size;
  }
  return [...samples.values()].sort((a, b) => a.step - b.step);
}

/** The first sample from which every later one is inevitable, or -1. */
export function pointOfNoReturn(samples: readonly FateSample[]): number {
  let i = samples.length;
  while (i > 0 && samples[i - 1].fate === 'inevitable') i--;
  return i < samples.length ? i : -1;
}
