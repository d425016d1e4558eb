/**
 * Runs the simulation off the page's main thread. The core runs here
 * exactly as in Node: same modules, same seeds, same trace.
 */
import { packTrace, transferables } from '../engine/packed';
import { compareRuns } from '../incidents/mod-11658/compare';
import type { FromWorker, ToWorker } from './protocol';
import { Session } from './session';

let session: Session | null = null;
const post = (m: FromWorker, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  try {
    if (msg.type === 'load') {
      session = new Session(msg.scenario);
      const run = session.run;
      // The trace's buffers move to the page; the session keeps its probe, not the trace.
      post({ type: 'loaded', id: msg.id, ...run }, transferables(run.trace));
    } else if (msg.type === 'fates') {
      if (!session) throw new Error('no run is loaded');
      post({ type: 'fates', id: msg.id, fates: session.fates() });
    } else if (msg.type === 'compare') {
      const runs = compareRuns(msg.scenario, msg.variants);
      const traces = runs.map((r) => packTrace(r.sim));
      post({ type: 'compared', id: msg.id, runs: runs.map((r) => r.summary), traces }, traces.flatMap(transferables));
    } else if (msg.type === 'stateAt') {
      if (!session) throw new Error('no run is loaded');
      post({ type: 'state', id: msg.id, state: session.stateAt(msg.step) });
    }
  } catch (err) {
    post({ type: 'error', id: msg.id, message: err instanceof Error ? err.message : String(err) });
  }
};
