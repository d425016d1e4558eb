/** Messages between the page and the simulation Web Worker. */
import type { Scenario } from '../incidents/mod-11658/scenario';
import type { RunReport } from '../incidents/mod-11658/report';

export type ToWorker = { type: 'run'; id: number; scenario: Scenario };

export type FromWorker =
  | { type: 'report'; id: number; report: RunReport; digest: string; wallMs: number }
  | { type: 'error'; id: number; message: string };
