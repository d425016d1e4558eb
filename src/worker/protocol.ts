/** What the simulation worker hands the page: a loaded run, whatever the incident. */
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
}

export type { VariantRun } from '../incidents/compare';
