/** One of the page's sweep workers: runs its share of the race-window jobs, posting progress (in runs). */
import { runJob, type Job, type Outcome, type SweepSpec } from '../incidents/mod-11658/sweep';

export type ToSweeper = { spec: SweepSpec; jobs: Job[] };
export type FromSweeper = { type: 'progress'; done: number } | { type: 'result'; outcomes: Outcome[][] };

self.onmessage = (e: MessageEvent<ToSweeper>) => {
  const { spec, jobs } = e.data;
  const post = (m: FromSweeper) => (self as unknown as Worker).postMessage(m);
  const outcomes: Outcome[][] = [];
  for (const j of jobs) {
    outcomes.push(runJob(spec, j));
    if (outcomes.length % 5 === 0) post({ type: 'progress', done: outcomes.length * spec.at.length });
  }
  post({ type: 'result', outcomes });
};
