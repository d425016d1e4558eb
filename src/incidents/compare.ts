/**
 * One scenario against several variants: each run's outcome and when, the
 * replies, the requests it lost, and the step where its run first diverges
 * from the first variant's (before that step the runs are the same).
 */
import { coreOf } from './cores';
import type { RunReport, Scenario } from './module';

/** One variant's run in a comparison. */
export interface VariantRun {
  variant: string;
  outcome: RunReport['outcome'];
  /** When the hang became certain or the crash happened (virtual ms), or null. */
  at: number | null;
  replies: (string | null)[];
  /** Requests sent and not answered when the run ended. */
  pending: number;
  /** First step whose move differs from the first variant's run, with its time; null if never. */
  divergesAt: { step: number; t: number } | null;
  steps: number;
}

/** How long past a variant's own timeout a comparison still runs: time for the crash or the reply to show. */
const SETTLE_MARGIN_MS = 20;

/** The runs themselves (for drawing them) with their summaries. */
export function compareRuns(s: Scenario, variants: readonly string[]) {
  const core = coreOf(s.incident);
  // Every variant runs long enough past the last command for the slowest of their timeouts to fire.
  const last = Math.max(0, ...s.commands.map((c) => c.at));
  const until = Math.max(s.until, last + Math.max(0, ...variants.map((v) => core.settleMs(v))) + SETTLE_MARGIN_MS);
  const runs = variants.map((variant) => {
    const sim = core.createSimulation({ ...s, variant, until });
    sim.run({ until, maxSteps: s.maxSteps });
    return { sim, report: core.report(sim) };
  });
  const base = runs[0].sim;
  return runs.map(({ sim, report }, i) => {
    let divergesAt: VariantRun['divergesAt'] = null;
    if (i > 0) {
      const a = base.choiceLog.slice(0, base.step);
      const b = sim.choiceLog.slice(0, sim.step);
      let k = 0;
      while (k < a.length && k < b.length && a[k] === b[k]) k++;
      if (k < a.length || k < b.length) divergesAt = { step: k, t: sim.trace.stepTimes[k] ?? sim.t };
    }
    const pending = (report.stats as { pending?: number }).pending ?? 0;
    const summary: VariantRun = {
      variant: variants[i],
      outcome: report.outcome,
      at: report.deadlockAt ?? report.livelockAt ?? report.crashAt,
      replies: report.replies.map((r) => r.reply),
      pending,
      divergesAt,
      steps: report.steps,
    };
    return { summary, sim };
  });
}

export function compareVariants(s: Scenario, variants: readonly string[]): VariantRun[] {
  return compareRuns(s, variants).map((r) => r.summary);
}
