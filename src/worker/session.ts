/**
 * A loaded run in the worker: `full` ran to the end and produced the trace
 * the page draws; `probe` (same inputs, so the same run) seeks to whatever
 * step the cursor is on, so the page can show stacks, wait edges and the
 * enabled moves there; `fateBand` works out the point of no return along
 * the run. Any incident, through its core face. Pure: usable in Node as in a Worker.
 */
import { traceDigest } from '../engine/digest';
import { packTrace } from '../engine/packed';
import type { Simulation } from '../engine/simulation';
import { fateOf } from '../engine/explorer';
import { futureBand, pointOfNoReturn, type FateSample } from '../engine/futures';
import { streamSeed } from '../engine/rng';
import { coreOf } from '../incidents/cores';
import type { IncidentCore, Scenario, StateAt } from '../incidents/module';
import type { LoadedRun } from './protocol';

/** Bounded runs: exact fates for this many steps. */
const EXACT_BAND_STEPS = 400;
/** Timed runs: spread points, bisection points, futures per point. */
export const BAND = { points: 16, refine: 24, futures: 12 };
/** Futures run this long after the last command (a hang forms within a scan or two). */
const BAND_WINDOW_MS = 10;
/** Sampling starts this long before the first command. */
const BAND_LEAD_MS = 30;

export class Session {
  private probe: Simulation<unknown, unknown> | null = null;
  private readonly core: IncidentCore;
  readonly run: LoadedRun;

  constructor(readonly scenario: Scenario) {
    const start = performance.now();
    this.core = coreOf(scenario.incident);
    const full = this.core.createSimulation(scenario);
    full.run({ until: scenario.until, maxSteps: scenario.maxSteps });
    this.run = {
      trace: packTrace(full),
      log: this.core.logLines(full),
      load: this.core.loadSeries(full),
      verdict: full.verdict,
      crash: full.crash,
      report: this.core.report(full),
      digest: traceDigest(full),
      wallMs: performance.now() - start,
      truncated: scenario.maxSteps !== undefined && full.step >= scenario.maxSteps,
      unsettled: this.core.unsettled?.(full, scenario.variant) ?? null,
    };
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
    const at = this.scenario.commands.map((c) => c.at);
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
