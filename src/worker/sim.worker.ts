/**
 * Runs the simulation off the page's main thread. The core runs here
 * exactly as in Node: same modules, same seeds, same trace.
 */
import { packTrace, transferables } from '../engine/packed';
import { compareRuns } from '../incidents/mod-11658/compare';
import type { FromWorker, ToWorker } from './protocol';
import { Session } from './session';
import type { FateSample } from '../engine/futures';

let session: Session | null = null;
const post = (m: FromWorker, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);

/** The band request being worked on; a newer request or a new run stops it. */
let band = 0;

/**
 * Works through the band in slices of about 30 ms, so that requests for the
 * state at the cursor are answered in between.
 */
function runBand(owner: Session, id: number, gen: Generator<number, FateSample[]>): void {
  const slice = () => {
    if (session !== owner || band !== id) return;
    try {
      const until = performance.now() + 30;
      let r = gen.next();
      while (!r.done && performance.now() < until) r = gen.next();
      if (r.done) post({ type: 'fates', id, done: r.value.length, samples: r.value });
      else {
        post({ type: 'fates', id, done: r.value, samples: null });
        setTimeout(slice, 0);
      }
    } catch (err) {
      post({ type: 'error', id, message: err instanceof Error ? err.message : String(err) });
    }
  };
  setTimeout(slice, 0);
}

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
      band = msg.id;
      runBand(session, msg.id, session.fateBand());
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
