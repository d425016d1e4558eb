/**
 * Runs the simulation off the page's main thread, exposed through Comlink.
 * The core runs here exactly as in Node: same modules, same seeds, same trace.
 */
import * as Comlink from 'comlink';
import { packTrace, transferables } from '../engine/packed';
import type { FateSample } from '../engine/futures';
import type { Scenario } from '../incidents/module';
import { compareRuns } from '../incidents/compare';
import { Session } from './session';

let session: Session | null = null;
/** The band being worked on; a newer request or a new run stops it. */
let band = 0;

const api = {
  load(scenario: Scenario) {
    session = new Session(scenario);
    band++;
    // The trace's buffers move to the page; the session keeps its probe, not the trace.
    return Comlink.transfer(session.run, transferables(session.run.trace));
  },

  stateAt(step: number) {
    if (!session) throw new Error('no run is loaded');
    return session.stateAt(step);
  },

  dueStep(step: number, key: string) {
    if (!session) throw new Error('no run is loaded');
    return session.dueStep(step, key);
  },

  /**
   * The point-of-no-return band, worked through in slices of about 30 ms so
   * that requests for the state at the cursor are answered in between.
   * Resolves null when a newer band or run superseded it.
   */
  fates(progress: (done: number) => void): Promise<FateSample[] | null> {
    if (!session) return Promise.reject(new Error('no run is loaded'));
    const owner = session;
    const id = ++band;
    const gen = owner.fateBand();
    return new Promise((resolve, reject) => {
      const slice = () => {
        if (session !== owner || band !== id) return resolve(null);
        try {
          const until = performance.now() + 30;
          let r = gen.next();
          while (!r.done && performance.now() < until) r = gen.next();
          if (r.done) return resolve(r.value);
          void progress(r.value);
          setTimeout(slice, 0);
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      };
      setTimeout(slice, 0);
    });
  },

  compare(scenario: Scenario, variants: string[]) {
    const runs = compareRuns(scenario, variants);
    const traces = runs.map((r) => packTrace(r.sim));
    return Comlink.transfer({ runs: runs.map((r) => r.summary), traces }, traces.flatMap(transferables));
  },
};

export type SimApi = typeof api;
Comlink.expose(api);
