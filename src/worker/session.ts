/**
 * A loaded run in the worker: `full` runs to the end, in slices the worker
 * can interleave with other requests (progress, cancel), and produces the
 * trace the page draws; it may be picked up from an earlier run's last
 * checkpoint before an edit (see resume.ts). `probe` (same inputs, so the
 * same run) seeks to whatever step the cursor is on, so the page can show
 * stacks, wait edges and the enabled moves there; `fateBand` works out the
 * point of no return along the run. Any incident, through its core face.
 * Pure: usable in Node as in a Worker.
 */
import { traceDigest } from '../engine/digest';
import { packTrace } from '../engine/packed';
import type { Simulation } from '../engine/simulation';
import { fateOf } from '../engine/explorer';
import { futureBand, pointOfNoReturn, type FateSample } from '../engine/futures';
import { streamSeed } from '../engine/rng';
import { coreOf } from '../incidents/cores';
import type { IncidentCore, Scenario, StateAt } from '../incidents/module';
import type { LoadedRun, RunProgress } from './protocol';
import { resume } from './resume';

type Sim = Simulation<unknown, unknown>;

/** Bounded runs: exact fates for this many steps. */
const EXACT_BAND_STEPS = 400;
/** Timed runs: spread points, bisection points, futures per point. */
export const BAND = { points: 16, refine: 24, futures: 12 };
/** Futures run this long after the last command (a hang forms within a scan or two). */
const BAND_WINDOW_MS = 10;
/** Sampling starts this long before the first command. */
const BAND_LEAD_MS = 30;

/** Steps between looks at the clock while a run advances. */
const SLICE_STEPS = 1024;

export class Session {
  private probe: Sim | null = null;
  /** The run being simulated; handed on to the session of the next edit, which picks it up. */
  private full: Sim | null;
  private readonly core: IncidentCore;
  private readonly started = performance.now();
  private done = false;
  private loaded: LoadedRun | null = null;
  /** The step and time this run was picked up from (an earlier run's checkpoint), or null: from step 0. */
  readonly resumed: { step: number; t: number } | null = null;

  /**
   * A run of `scenario`, simulated at once unless `run` is false (then by
   * `advance`). `previous` is the session of the run on screen or being
   * made: when the edit leaves its start unchanged, its simulation is taken
   * over (it answers no more for its own run) and resumes before the edit.
   */
  constructor(
    readonly scenario: Scenario,
    opts: { previous?: Session | null; run?: boolean } = {},
  ) {
    this.core = coreOf(scenario.incident);
    const fresh = this.core.createSimulation(scenario);
    const old = opts.previous?.full;
    const at = old && resume(old, opts.previous!.scenario, scenario, fresh.inputs);
    if (old && at != null) {
      opts.previous!.full = null;
      this.full = old;
      this.resumed = { step: at, t: old.t };
    } else this.full = fresh;
    if (opts.run === false) return;
    while (!this.advance({})) continue;
    this.finish();
  }

  /** The run as the page gets it (once finished). */
  get run(): LoadedRun {
    if (!this.loaded) throw new Error('the run is still being simulated');
    return this.loaded;
  }

  /** Whether the run has come to its end (its time, its step limit, or nothing left to move). */
  get finished(): boolean {
    return this.done;
  }

  /**
   * Simulates on for at most `steps` steps or `ms` of wall time (unbounded
   * when absent); true once the run is over. Slices give exactly the run in
   * one go: the scheduler keeps no state between steps but the world's.
   */
  advance(limit: { steps?: number; ms?: number }): boolean {
    const sim = this.sim;
    const s = this.scenario;
    const maxSteps = s.maxSteps ?? Infinity;
    const lastStep = Math.min(maxSteps, sim.step + (limit.steps ?? Infinity));
    const end = performance.now() + (limit.ms ?? Infinity);
    while (!this.done && sim.step < lastStep) {
      const target = Math.min(lastStep, sim.step + SLICE_STEPS);
      sim.run({ until: s.until, maxSteps: target });
      if (sim.step < target || sim.step >= maxSteps) this.done = true;
      else if (performance.now() >= end) break;
    }
    return this.done;
  }

  /** How far the run has got. */
  progress(): RunProgress {
    const sim = this.sim;
    return {
      t: sim.t,
      until: this.scenario.until,
      steps: sim.step,
      resumed: this.resumed,
      wallMs: performance.now() - this.started,
    };
  }

  /** The run as far as it got (all of it once `advance` said so; otherwise marked as stopped there). */
  finish(): LoadedRun {
    const full = this.sim;
    const s = this.scenario;
    this.loaded = {
      trace: packTrace(full),
      log: this.core.logLines(full),
      load: this.core.loadSeries(full),
      verdict: full.verdict,
      crash: full.crash,
      report: this.core.report(full),
      digest: traceDigest(full),
      wallMs: performance.now() - this.started,
      truncated: s.maxSteps !== undefined && full.step >= s.maxSteps,
      unsettled: this.core.unsettled?.(full, s.variant) ?? null,
      stopped: this.done ? null : { t: full.t, steps: full.step },
      resumed: this.resumed,
    };
    return this.loaded;
  }

  /**
   * The cursor's simulation: the previous session's, picked up before the edit
   * as the run was (it seeks within this run from there), when it has one.
   */
  adoptProbe(previous: Session | null): void {
    const p = previous?.probe;
    if (!p || previous === this || this.probe) return;
    if (resume(p, previous.scenario, this.scenario, this.sim.inputs) == null) return;
    previous.probe = null;
    this.probe = p;
  }

  private get sim(): Sim {
    if (!this.full) throw new Error('this run was handed on to a newer one');
    return this.full;
  }

  /**
   * The point-of-no-return band, as a generator that yields its progress
   * (points done). Bounded untimed runs get every step's exact fate by
   * exhaustive exploration; timed runs get sampled futures (engine/futures).
   */
  *fateBand(): Generator<number, FateSample[]> {
    const steps = this.run.trace.steps;
    const sim = (over: Partial<Scenario>) => this.core.createSimulation({ ...this.scenario, ...over });
    if (this.scenario.untimed) {
      const s = sim({ record: false });
      const out: FateSample[] = [];
      for (let i = 0; i <= Math.min(steps, EXACT_BAND_STEPS); i++) {
        out.push({ step: i, t: s.view.t, fate: fateOf(s), exact: true, futures: 0, hangs: 0, crashes: 0 });
        yield out.length;
        if (i < steps && !s.stepOnce()) break;
      }
      return out;
    }
    // A kill decides nothing: a future that reached it would only be cut short (and cost hours of a healthy run).
    const at = this.scenario.commands.filter((c) => !this.core.endsProcess?.(c.text)).map((c) => c.at);
    const lastCommand = Math.max(0, ...at);
    // A variant whose wait times out (barrier-timeout, drain-connections) decides its fate only then.
    const settle = this.core.settleMs(this.scenario.variant);
    // Futures from a point run to the last command and past it: points long before the first would cost
    // a whole run each and tell little (what decides a hang happens in the last moments before a command).
    const from = at.length ? Math.min(...at) - BAND_LEAD_MS : 0;
    // The first point is the last step at or before `from`: where the run stands once run that far.
    const run = sim({ record: false });
    run.run({ until: from, maxSteps: steps });
    const samples = yield* futureBand(
      run,
      sim({ choices: undefined, record: false }),
      { first: run.view.step, last: steps },
      {
        ...BAND,
        seed: streamSeed(this.scenario.seed, 99),
        marks: [this.run.verdict?.step, this.run.crash?.step].filter((x): x is number => x !== undefined),
        // A hang forms within a scan or two of a command; after the last one, nothing new can start it.
        horizon: (t) => Math.max(t, lastCommand) + BAND_WINDOW_MS + settle,
      },
    );
    const p = pointOfNoReturn(samples);
    if (p >= 0 && !samples[p].exact) samples[p] = { ...samples[p], note: this.momentAt(samples[p].step) };
    return samples;
  }

  /** The move a step takes and, if the incident can say, the work in flight once it is taken. */
  momentAt(step: number): string {
    this.probe ??= this.core.createSimulation(this.scenario);
    this.probe.seek(step);
    const key = step > 0 ? this.probe.choiceLog[step - 1] : undefined;
    const [actor, event] = key ? key.split(':') : [];
    const move = actor ? `That step: ${actor} takes ${event}. ` : '';
    const work = this.core.moment?.(this.probe);
    return `${move}${work ? `Then: ${work}` : ''}`.trim();
  }

  /**
   * Where a manual pick of `key` at `step` lands without skipping anything:
   * a move due later than the earliest ones would jump the clock past them,
   * so the run goes on as the scheduler would (no choice needed: the same
   * seeded steps) until `key` is among the earliest, and the pick is made
   * there (untimed, at once). The step to pick it at and how many moves ran first; or why not.
   */
  dueStep(step: number, key: string): { step: number; ran: number } | { error: string } {
    this.probe ??= this.core.createSimulation(this.scenario);
    const sim = this.probe;
    sim.seek(step);
    const last = this.run.trace.steps;
    for (;;) {
      const moves = sim.enabled();
      const m = moves.find((x) => x.key === key);
      if (!m) return { error: `${key.replace(':', ' ')} is no longer possible after ${sim.step - step} moves` };
      if (Math.max(m.at, sim.t) > this.scenario.until)
        return { error: `${key.replace(':', ' ')} is due after the run ends (${this.scenario.until} ms)` };
      // Untimed (the explorer's semantics): any pending move may come next, so nothing runs before the pick.
      if (this.scenario.untimed) return { step: sim.step, ran: 0 };
      const soonest = Math.min(...moves.map((x) => Math.max(x.at, sim.t)));
      if (Math.max(m.at, sim.t) <= soonest) return { step: sim.step, ran: sim.step - step };
      if (sim.step >= last || !sim.stepOnce()) return { error: `the run ends before ${key.replace(':', ' ')} is due` };
    }
  }

  stateAt(step: number): StateAt {
    this.probe ??= this.core.createSimulation(this.scenario);
    this.probe.seek(Math.max(0, Math.min(step, this.run.trace.steps)));
    return this.core.stateAt(this.probe);
  }
}
