/**
 * A loaded run in the worker: `full` ran to the end and produced the trace
 * the page draws; `probe` (same inputs, so the same run) seeks to whatever
 * step the cursor is on, so the page can show stacks, wait edges and the
 * enabled moves there. Pure: usable in Node as in a Worker.
 */
import { traceDigest } from '../engine/digest';
import { packTrace } from '../engine/packed';
import { createSimulation, type Scenario } from '../incidents/mod-11658/scenario';
import { report } from '../incidents/mod-11658/report';
import { loadSeries, logLines, stateAt, type StateAt } from '../incidents/mod-11658/view';
import type { LoadedRun } from './protocol';
import { fateOf, type Fate } from '../engine/explorer';

export class Session {
  private probe: ReturnType<typeof createSimulation> | null = null;
  readonly run: LoadedRun;

  constructor(readonly scenario: Scenario) {
    const start = performance.now();
    const full = createSimulation(scenario);
    full.run({ until: scenario.until, maxSteps: scenario.maxSteps });
    this.run = {
      trace: packTrace(full),
      log: logLines(full),
      load: loadSeries(full),
      verdict: full.verdict,
      crash: full.crash,
      report: report(full),
      digest: traceDigest(full),
      wallMs: performance.now() - start,
      truncated: scenario.maxSteps !== undefined && full.step >= scenario.maxSteps,
    };
  }

  /** Each step's fate, for runs small enough to explore from every step (untimed, bounded). */
  fates(maxSteps = 400): Fate[] {
    const sim = createSimulation({ ...this.scenario, record: false });
    const out: Fate[] = [];
    const steps = Math.min(this.run.trace.steps, maxSteps);
    for (let i = 0; i <= steps; i++) {
      out.push(fateOf(sim));
      if (i < steps && !sim.stepOnce()) break;
    }
    return out;
  }

  stateAt(step: number): StateAt {
    this.probe ??= createSimulation(this.scenario);
    this.probe.seek(Math.max(0, Math.min(step, this.run.trace.steps)));
    return stateAt(this.probe);
  }
}
