/** One of the page's sweep workers, through Comlink: runs its share of the race-window jobs, reporting progress in runs. */
import * as Comlink from 'comlink';
import { runJob, type Job, type Outcome, type SweepSpec } from '../incidents/sweep';

const api = {
  run(spec: SweepSpec, jobs: Job[], progress: (done: number) => void): Outcome[][] {
    const outcomes: Outcome[][] = [];
    for (const j of jobs) {
      outcomes.push(runJob(spec, j));
      if (outcomes.length % 5 === 0) void progress(outcomes.length * spec.at.length);
    }
    return outcomes;
  },
};

export type SweepApi = typeof api;
Comlink.expose(api);
