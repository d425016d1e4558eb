/**
 * Runs the exhaustive explorer off the page's main thread, exposed through
 * Comlink, for any incident. The page cancels by terminating the worker.
 */
import * as Comlink from 'comlink';
import type { ExploreResult } from '../engine/explorer';
import { coreOf } from '../incidents/cores';
import type { Scenario } from '../incidents/module';
import type { Settings } from '../incidents/settings';

export interface Explored {
  result: ExploreResult;
  /** The shortest schedule into the bad state (and one turn of its loop), as a run to load. */
  schedule: Scenario | null;
}

const api = {
  explore(
    incident: string,
    variant: string,
    bounds: Settings,
    progress: (p: { states: number; seconds: number }) => void,
  ): Explored {
    const core = coreOf(incident);
    const result = core.explore(variant, bounds, { progressEvery: 2000, onProgress: (p) => void progress(p) });
    const moves = result.counterexample && [...result.counterexample, ...(result.loop ?? [])];
    return { result, schedule: moves && core.exploreScenario(variant, bounds, moves) };
  },
};

export type ExploreApi = typeof api;
Comlink.expose(api);
