/** Messages between the page and the simulation Web Worker. */
import type { PackedTrace } from '../engine/packed';
import type { Crash, Verdict } from '../engine/simulation';
import type { Scenario } from '../incidents/mod-11658/scenario';
import type { RunReport } from '../incidents/mod-11658/report';
import type { VariantRun } from '../incidents/mod-11658/compare';
import type { FateSample } from '../engine/futures';
import type { LoadSeries, LogLine, StateAt } from '../incidents/mod-11658/view';

export type ToWorker =
  /** Simulate the whole run; manual choices are part of the scenario. */
  | { type: 'load'; id: number; scenario: Scenario }
  /** The world at one step of the loaded run. */
  | { type: 'stateAt'; id: number; step: number }
  /** The point-of-no-return band of the loaded run (progress, then the samples). */
  | { type: 'fates'; id: number }
  /** One scenario against several variants. */
  | { type: 'compare'; id: number; scenario: Scenario; variants: string[] };

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

export type FromWorker =
  | ({ type: 'loaded'; id: number } & LoadedRun)
  | { type: 'state'; id: number; state: StateAt }
  | { type: 'compared'; id: number; runs: VariantRun[]; traces: PackedTrace[] }
  | { type: 'fates'; id: number; done: number; samples: FateSample[] | null }
  | { type: 'error'; id: number; message: string };
