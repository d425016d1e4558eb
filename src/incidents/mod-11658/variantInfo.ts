/**
 * What each model variant is, where it comes from and what it changes, in
 * words for the screen and the runner (no imports: the page reads it cheaply).
 */
import type { VariantInfo } from '../../engine/types';

export const VARIANT_INFO: readonly VariantInfo[] = [
  {
    id: 'prefix',
    title: 'As production ran it (pre-fix)',
    description:
      'Shrinking the workers pool broadcasts ADMIN jobs with a barrier on the main thread\u2019s stack, then spins in barrier_wait_and_destroy with the GIL held until every thread has passed it.',
    source: 'RediSearch master dede3e11de (thread pool identical to 2.10.20, which production ran)',
    url: 'https://github.com/RediSearch/RediSearch/tree/dede3e11de',
    changes: 'deps/thpool/thpool.c redisearch_thpool_terminate_when_empty / remove_threads; src/util/workers.c',
  },
  {
    id: 'fixed',
    title: 'Upstream fix #7410 (reduce threads asynchronously)',
    description:
      'The main thread schedules config_reduce_threads_job: N ADMIN jobs with a heap barrier that the last worker destroys and frees. It does not wait, so it returns, releases the GIL in beforeSleep, and the blocked worker finishes.',
    source: 'RediSearch PR #7410, master commit 874ce6826d (backports #7519, #7534, #7535)',
    url: 'https://github.com/RediSearch/RediSearch/commit/874ce6826d',
    changes: 'deps/thpool/thpool.c redisearch_thpool_schedule_config_reduce_threads_job; src/util/workers.c',
  },
  {
    id: 'trigger-first',
    title: 'Seed proposal: call COORDINATOR_TRIGGER first',
    description:
      'set_workers calls COORDINATOR_TRIGGER() before workersThreadPool_SetNumWorkers(). The trigger only schedules uvUpdateConnPoolSize on search-uv-1 and returns; the resize then spins with the GIL held exactly as before.',
    source: 'Investigation summary (seed 001), "Option 1: Trigger Connection Shrinking First"',
    changes: 'src/config.c set_workers: COORDINATOR_TRIGGER() moved before workersThreadPool_SetNumWorkers()',
  },
  {
    id: 'drain-connections',
    title: 'Seed proposal: drain coordinator connections before shrinking',
    description: `uvUpdateConnPoolSize drains the connections it will stop (usleep + RedisModule_Yield, 5 s timeout) before MRConnManager_Shrink, and set_workers warns about large reductions. The drain runs on search-uv-1, the thread that would deliver the replies it waits for; and in a hang the trigger never runs at all.`,
    source: 'Proposed fix (seed 003), "Graceful Connection Draining"',
    changes:
      'src/coord/rmr/conn.c MRConnManager_DrainConnections; src/coord/rmr/rmr.c uvUpdateConnPoolSize; src/config.c set_workers',
  },
  {
    id: 'barrier-timeout',
    title: 'Seed proposal: a timeout on barrier_wait_and_destroy',
    description: `barrier_wait_and_destroy gives up after 1 s and returns, so the command answers OK. But the barrier and the ADMIN jobs' argument live in that returned stack frame: the worker that was stuck on the GIL later runs its ADMIN job on freed memory (a use-after-free), and the barrier was destroyed with threads inside it.`,
    source: 'Investigation summary (seed 001), "Option 3: Add Timeout to barrier_wait_and_destroy"',
    changes: 'deps/thpool/barrier.c barrier_wait_and_destroy: a deadline on the usleep loop',
  },
  {
    id: 'unlock-gil',
    title: 'Closed PR #7194: release the GIL around the resize',
    description:
      "The setter releases the GIL while it waits at the barrier and takes it back afterwards, so the blocked worker can load its fields and arrive. The PR also needed g_isLoadingConfig (setters run at module load, where unlocking trips 'server.execution_nesting == 1' is not true) and a new pool mutex; neither is modelled here. verify_init is unchanged.",
    source: 'RediSearch PR #7194 (closed)',
    url: 'https://github.com/RediSearch/RediSearch/pull/7194',
    changes:
      'src/util/workers.c workersThreadPool_SetNumWorkers: RedisModule_ThreadSafeContextUnlock / Lock around the resize',
  },
];
