/**
 * Puts an incident's claims on trial off the page's main thread, exposed
 * through Comlink: the runs that judge them, with progress as each claim
 * starts. The page cancels by terminating the worker.
 */
import * as Comlink from 'comlink';
import { coreOf } from '../incidents/cores';
import type { ClaimProgress, ClaimVerdict } from '../incidents/module';

const api = {
  claims(incident: string, progress: (p: ClaimProgress) => void): ClaimVerdict[] {
    return coreOf(incident).claims?.((p) => void progress(p)) ?? [];
  },
};

export type ClaimsApi = typeof api;
Comlink.expose(api);
