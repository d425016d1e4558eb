/**
 * `fixed`: upstream PR #7410 (`874ce6826d`). Shrinking schedules
 * `config_reduce_threads_job`: N ADMIN jobs with a heap barrier that the last
 * worker through destroys and frees; the main thread does not wait at all.
 * `add_threads` waits for its own new threads (`started` flags).
 * `verify_init`'s revive barrier is unchanged (the residual risk of section 7).
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

/** `redisearch_thpool_schedule_config_reduce_threads_job`. */
function scheduleReduce(c: MainContext, pool: PoolInfo, n: number, whenEmpty: boolean): Plan {
  if (pool.state === 'THPOOL_UNINITIALIZED' || pool.nThreads === 0) {
    const note = idlePool(c, 'redisearch_thpool_schedule_config_reduce_threads_job');
    return {
      patch: {},
      effects: pool.nThreads > 0 ? [note, poolSet({ nThreads: pool.nThreads - n })] : [],
      next: 'awake',
    };
  }
  const state: ThreadState = whenEmpty ? 'THREAD_TERMINATE_WHEN_EMPTY' : 'THREAD_TERMINATE_ASAP';
  const b = broadcast(c, repeat(n, state), 'heap');
  return {
    patch: { barrierSeq: c.barrierSeq + 1 },
    effects: [
      log('verbose', `Scheduling from main thread to remove ${n} threads`),
      poolSet({ nThreads: pool.nThreads - n }),
      ...b.effects,
      ...(whenEmpty ? [poolSet({ state: 'THPOOL_UNINITIALIZED' })] : []),
    ],
    next: 'awake',
  };
}

function join(a: Plan, b: Plan): Plan {
  return { patch: { ...a.patch, ...b.patch }, effects: [...a.effects, ...b.effects], next: b.next };
}

function setNumWorkers(context: MainContext, pool: PoolInfo): Plan {
  const { c, changing } = withSizes(context, pool);
  if (c.target === 0 && c.curr > 0) {
    const scheduling = log('notice', `Scheduling config_reduce_threads_job to remove all ${c.curr} threads when empty`);
    return prepend([...changing, scheduling], join(scheduleReduce(c, pool, c.curr, true), deactivated(c)), c);
  }
  if (c.target > c.curr) return prepend(changing, addThreads(c, pool), c);
  if (c.target < c.curr) {
    const k = c.curr - c.target;
    const scheduling = log('notice', `Scheduling config_reduce_threads_job to remove ${k} threads ASAP`);
    return prepend([...changing, scheduling], join(scheduleReduce(c, pool, k, false), finishSetter(c)), c);
  }
  return prepend(changing, finishSetter(c), c);
}

function afterBarrier(c: MainContext): Plan {
  // Only verify_init's revive barrier is still waited on after the fix.
  const plan = createMissing(c.toCreate);
  return { ...plan, patch: { ...plan.patch, barrier: null }, effects: [destroyBarrier(c), ...plan.effects] };
}

function afterThreadsAlive(c: MainContext): Plan {
  if (c.spinFor === 'add_threads') {
    return grown(c, [log('verbose', `Thread pool size increased to ${c.target} successfully`)]);
  }
  return initialized(c, 'initialized');
}

export const fixedVariant: MainVariant = {
  setNumWorkers,
  afterBarrier,
  createThreads,
  afterThreadsAlive,
  verifyInit,
  aliveCondition: 'own threads',
};
