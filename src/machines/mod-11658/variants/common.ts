/**
 * The parts of `workersThreadPool_SetNumWorkers` and `verify_init` that the
 * pre-fix and post-fix code share.
 */
import {
  broadcast,
  createMissing,
  finishSetter,
  log,
  repeat,
  versionLog,
  send,
  spawnThreads,
  type MainContext,
  type Plan,
  type PoolInfo,
} from '../plan';
import type { ThreadState } from '../model';

/** `curr_workers` / `worker_count`, and the "Changing…" line (master since 2025-10-23). */
export function withSizes(c: MainContext, pool: PoolInfo): { c: MainContext; changing: Plan['effects'] } {
  const next = { ...c, curr: pool.nThreads, target: c.numWorkerThreads, inSetter: true };
  const changing =
    next.curr !== next.target
      ? [versionLog('changing', 'notice', `Changing workers threadpool size from ${next.curr} to ${next.target}`)]
      : [];
  return { c: next, changing };
}

export function prepend(effects: Plan['effects'], plan: Plan, c: MainContext): Plan {
  return {
    ...plan,
    patch: { curr: c.curr, target: c.target, inSetter: c.inSetter, ...plan.patch },
    effects: [...effects, ...plan.effects],
  };
}

/**
 * `verify_init` on an UNINITIALIZED pool: threads still alive in
 * TERMINATE_WHEN_EMPTY get revive/kill ADMIN jobs and the submitter waits on
 * the barrier (`barrier_wait_and_destroy`, GIL held); then the missing threads
 * are created and the submitter spins until they are alive.
 */
export function verifyInit(c: MainContext, pool: PoolInfo): Plan {
  const n = pool.nThreads;
  if (pool.alive > 0) {
    const revive = Math.min(pool.alive, n);
    const states: ThreadState[] = [
      ...repeat(revive, 'THREAD_RUNNING' as ThreadState),
      ...repeat(pool.alive - revive, 'THREAD_TERMINATE_ASAP' as ThreadState),
    ];
    const b = broadcast(c, states, 'main stack');
    return {
      patch: {
        barrier: b.id,
        barrierSeq: c.barrierSeq + 1,
        spinFor: 'verify_init',
        toCreate: n - revive,
        awaitAlive: n,
      },
      effects: b.effects,
      next: 'spinBarrier',
    };
  }
  const plan = createMissing(n);
  return { ...plan, patch: { ...plan.patch, awaitAlive: n } };
}

export function destroyBarrier(c: MainContext) {
  return send(c.barrier!, { type: 'DESTROY' });
}

/** New threads named by the pool are created; then wait for them. */
export function createThreads(_c: MainContext, ids: string[]): Plan {
  return { patch: { awaitIds: ids, toCreate: 0 }, effects: spawnThreads(ids), next: 'spinAlive' };
}

/** The end of verify_init: the pool is INITIALIZED and the query job stays queued. */
export function initialized(c: MainContext, word: 'created' | 'initialized'): Plan {
  return {
    patch: { spinFor: null, awaitIds: [] },
    effects: [
      send('thpool', { type: 'SET', state: 'THPOOL_INITIALIZED' }),
      log('verbose', `Thread pool of size ${c.awaitAlive} ${word} successfully`),
    ],
    next: 'awake',
  };
}

export { finishSetter };
