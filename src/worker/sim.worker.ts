/**
 * Runs scenarios off the page's main thread. The simulation core runs here
 * exactly as in Node: same modules, same seeds, same trace.
 */
import { traceDigest } from '../engine/digest';
import { runScenario } from '../incidents/mod-11658/scenario';
import type { FromWorker, ToWorker } from './protocol';

const post = (m: FromWorker) => (self as unknown as Worker).postMessage(m);

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  if (msg.type !== 'run') return;
  try {
    const start = performance.now();
    const { sim, report } = runScenario(msg.scenario);
    post({ type: 'report', id: msg.id, report, digest: traceDigest(sim), wallMs: performance.now() - start });
  } catch (err) {
    post({ type: 'error', id: msg.id, message: err instanceof Error ? err.message : String(err) });
  }
};
