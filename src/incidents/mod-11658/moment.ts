/**
 * MOD-11658's work in flight at one step, in words: which query is in which
 * worker and where in it, which wait in the pool's queue, which are still on
 * their way to main. The point of no return uses it to say what had already
 * happened when the hang became certain (the hang needs a worker bound for
 * the GIL when main takes it for the barrier).
 */
import type { Simulation } from '../../engine/simulation';
import type { Snapshot } from '../../engine/types';
import type { Mod11658Config } from './config';
import type { Mod11658Shared } from './index';
import type { Job, QueryJob } from '../../machines/mod-11658/model';
import type { PoolContext } from '../../machines/mod-11658/threadPool';
import type { WorkerContext } from '../../machines/mod-11658/worker';

type Sim = Simulation<Mod11658Config, Mod11658Shared>;

const ctx = <T>(snap: Snapshot | undefined) => snap?.context as T | undefined;
const isQuery = (j: Job | null | undefined): j is QueryJob => j?.kind === 'query';
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Where a query's worker is, by the innermost frame the model gives it. */
function where(frame: string | undefined, job: QueryJob): string {
  if (frame === 'RedisModule_ThreadSafeContextLock') return 'waits for the GIL to load fields';
  if (frame === 'rpSafeLoader_Load') return 'loads fields holding the GIL';
  if (frame === 'RedisModule_UnblockClient') return 'replies';
  return job.needsLoad ? 'scans the index, and will need the GIL to load fields' : 'scans the index (no LOAD)';
}

export function moment(sim: Sim): string {
  const view = sim.view;
  const busy: string[] = [];
  let idle = 0;
  for (const a of view.actorsOfKind('worker')) {
    const job = ctx<WorkerContext>(view.snapshot(a.id))?.job;
    if (isQuery(job)) {
      const [frame] = sim.incident.stack(view, a.id);
      busy.push(`${a.id} runs ${job.verb} ${job.id} for ${job.replyTo} and ${where(frame, job)}`);
    } else if (!job && view.meta(a.id)?.span !== 'exited') idle++;
  }
  const pool = ctx<PoolContext>(view.snapshot('thpool'));
  const queued = pool ? [...pool.high, ...pool.low].filter(isQuery) : [];
  const loading = queued.filter((j) => j.needsLoad).length;
  const toMain = view.mailbox('main').filter((m) => m.event.type === 'CMD' && m.from.startsWith('client-')).length;
  const parts = [
    busy.length ? `${busy.join('; ')}` : 'no query is in a worker',
    ...(idle ? [`${plural(idle, 'worker')} wait${idle === 1 ? 's' : ''} for a job`] : []),
    queued.length
      ? `${plural(queued.length, 'query', 'queries')} wait in the pool's queue (${loading} of them will need the GIL)`
      : "the pool's queue is empty",
    `${plural(toMain, 'query', 'queries')} on ${toMain === 1 ? 'its' : 'their'} way to main`,
  ];
  return `${parts.join('; ')}.`;
}
