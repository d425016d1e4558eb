/**
 * `prefix`: the code production ran (RediSearch master `dede3e11de`, same
 * thread pool as 2.10.20). Shrinking the pool broadcasts ADMIN jobs with a
 * barrier on the main thread's stack and spins in `barrier_wait_and_destroy`
 * with the GIL held until every targeted thread has passed it.
 */
import {
  addThreads,
  createMissing,
  broadcast,
  deactivated,
  grown,
  idlePool,
  log,
  poolSet,
  repeat,
  type MainContext,
  type MainVariant,
  type Plan,
  type PoolInfo,
} from '../plan';
import type { ThreadState } from '../model';
import { createThreads, destroyBarrier, finishSetter, initialized, prepend, verifyInit, withSizes } from './common';

function setNumWorkers(context: MainContext, pool: PoolInfo): Plan {
  const { c, changing } = withSizes(context, pool);
  if (c.target === 0 && c.curr > 0) {
    // redisearch_thpool_terminate_when_empty: a pool that never ran a job does not wait.
    if (pool.state === 'THPOOL_UNINITIALIZED')
      return prepend(
        [...changing, idlePool(c, 'redisearch_thpool_terminate_when_empty')],
        deactivatedAfterRemove(c),
        c,
      );
    const b = broadcast(c, repeat(pool.nThreads, 'THREAD_TERMINATE_WHEN_EMPTY' as ThreadState), 'main stack');
    return prepend(
      changing,
      {
        patch: { barrier: b.id, barrierSeq: c.barrierSeq + 1, spinFor: 'terminate_when_empty' },
        effects: b.effects,
        next: 'spinBarrier',
      },
      c,
    );
  }
  if (c.target > c.curr) {
    return prepend(
      changing,
      { ...addThreads(c, pool), patch: { ...addThreads(c, pool).patch, awaitAlive: c.target } },
      c,
    );
  }
  if (c.target < c.curr) {
    // redisearch_thpool_remove_threads: n_threads first, then broadcast ASAP and wait.
    const k = c.curr - c.target;
    if (pool.state === 'THPOOL_UNINITIALIZED') {
      const note = idlePool(c, 'redisearch_thpool_remove_threads');
      return prepend([...changing, note, poolSet({ nThreads: c.target })], finishSetter(c), c);
    }
    const b = broadcast(c, repeat(k, 'THREAD_TERMINATE_ASAP' as ThreadState), 'main stack');
    return prepend(
      [...changing, poolSet({ nThreads: c.target })],
      {
        patch: { barrier: b.id, barrierSeq: c.barrierSeq + 1, spinFor: 'remove_threads', awaitAlive: c.target },
        effects: b.effects,
        next: 'spinBarrier',
      },
      c,
    );
  }
  return prepend(changing, finishSetter(c), c);
}

/** remove_threads(curr) on a pool that is (now) UNINITIALIZED returns at once. */
function deactivatedAfterRemove(c: MainContext): Plan {
  const plan = deactivated(c);
  return { ...plan, effects: [poolSet({ state: 'THPOOL_UNINITIALIZED', nThreads: 0 }), ...plan.effects] };
}

function afterBarrier(c: MainContext): Plan {
  const destroy = destroyBarrier(c);
  switch (c.spinFor) {
    case 'terminate_when_empty': {
      const plan = deactivatedAfterRemove(c);
      return { ...plan, effects: [destroy, ...plan.effects] };
    }
    case 'remove_threads':
      return { patch: { barrier: null }, effects: [destroy], next: 'spinAlive' };
    default: {
      const plan = createMissing(c.toCreate);
      return { ...plan, patch: { ...plan.patch, barrier: null }, effects: [destroy, ...plan.effects] };
    }
  }
}

function afterThreadsAlive(c: MainContext): Plan {
  switch (c.spinFor) {
    case 'add_threads':
      return grown(c, [log('verbose', `Thread pool size increased to ${c.target} successfully`)]);
    case 'remove_threads': {
      const plan = finishSetter(c);
      return {
        ...plan,
        effects: [log('verbose', `Thread pool size decreased to ${c.target} successfully`), ...plan.effects],
      };
    }
    default:
      return initialized(c, 'created');
  }
}

export const prefixVariant: MainVariant = {
  setNumWorkers,
  afterBarrier,
  createThreads,
  afterThreadsAlive,
  verifyInit,
  aliveCondition: 'count',
};
