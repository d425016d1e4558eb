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
  /** The run ended before the server settled: what it still waits on (the incident's words), or null. */
  unsettled: string | null;
}

export type { VariantRun } from '../incidents/compare';
