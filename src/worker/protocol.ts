/** What the simulation worker hands the page: a loaded run, whatever the incident, and its progress while it is made. */
import type { PackedTrace } from '../engine/packed';
import type { Crash, Verdict } from '../engine/simulation';
import type { LoadSeries, LogLine, RunReport } from '../incidents/module';

export interface LoadedRun {
  trace: PackedTrace;
  log: LogLine[];
  load: LoadSeries;
  verdict: Verdict | null;
  crash: Crash | null;
  report: RunReport;
  digest: string;
  wallMs: number;
  /** The run hit the step limit before its end time. */
  truncated: boolean;
  /** The run ended before the server settled: what it still waits on (the incident's words), or null. */
  unsettled: string | null;
  /** Cancelled before its end: where it had got to (the trace covers that much), or null for a whole run. */
  stopped: { t: number; steps: number } | null;
  /** Picked up from an earlier run's checkpoint before the edit (step and virtual ms), or null: from step 0. */
  resumed: { step: number; t: number } | null;
}

/** How far a run being simulated has got, reported every slice. */
export interface RunProgress {
  /** Virtual ms reached, of `until`. */
  t: number;
  until: number;
  steps: number;
  resumed: LoadedRun['resumed'];
  /** Wall-clock ms since the run was asked for. */
  wallMs: number;
}

export type { VariantRun } from '../incidents/compare';
