/**
 * Runs the simulation off the page's main thread, exposed through Comlink.
 * The core runs here exactly as in Node: same modules, same seeds, same trace.
 * A run is made in slices of about 40 ms, each reporting its progress, so
 * that a cancel (or a newer run) is heard in between; an edit picks up the
 * previous run from its last checkpoint before the edit (see resume.ts).
 */
import * as Comlink from 'comlink';
import { packTrace, transferables } from '../engine/packed';
import type { FateSample } from '../engine/futures';
import type { Scenario } from '../incidents/module';
import { compareRuns } from '../incidents/compare';
import { Session } from './session';
import type { LoadedRun, RunProgress } from './protocol';

/** The run on the page (it answers for the cursor), and the one being made, if any. */
let session: Session | null = null;
let making: Session | null = null;
let cancelled = false;
/** The band being worked on; a newer request or a new run stops it. */
let band = 0;
/** Wall-clock ms of simulation between two looks at the message queue. */
const SLICE_MS = 40;

/** Runs `f` as a new task, after the messages already queued (nested timeouts would wait 4 ms each). */
const channel = new MessageChannel();
const soon: (() => void)[] = [];
channel.port1.onmessage = () => soon.shift()?.();
const nextTask = (f: () => void) => {
  soon.push(f);
  channel.port2.postMessage(null);
};

const api = {
  /**
   * Makes the run of `scenario`, reporting its progress after every slice.
   * Resolves with the run (up to where it got if `cancel` was called), or
   * null when a newer run superseded it.
   */
  load(scenario: Scenario, progress?: (p: RunProgress) => void): Promise<LoadedRun | null> {
    const previous = making ?? session;
    let next: Session;
    try {
      next = new Session(scenario, { previous, run: false });
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    making = next;
    cancelled = false;
    band++;
    // The page's callback is a proxy to its side: let it go once the run is delivered.
    const release = () => (progress as Partial<Comlink.Remote<unknown>> | undefined)?.[Comlink.releaseProxy]?.();
    return new Promise<LoadedRun | null>((resolve, reject) => {
      const slice = () => {
        if (making !== next) return resolve(null);
        try {
          const done = next.advance({ ms: SLICE_MS });
          if (!done && !cancelled) {
            void progress?.(next.progress());
            nextTask(slice);
            return;
          }
          const run = next.finish();
          next.adoptProbe(session);
          [session, making] = [next, null];
          // The trace's buffers move to the page; the session keeps its simulations, not the packed trace.
          resolve(Comlink.transfer(run, transferables(run.trace)));
        } catch (err) {
          // A failed run's simulation may be half a step in: nothing picks it up.
          making = null;
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      };
      nextTask(slice);
    }).finally(release);
  },

  /** Stops the run being made after its current slice: it resolves with what it has. */
  cancel() {
    if (making) cancelled = true;
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
