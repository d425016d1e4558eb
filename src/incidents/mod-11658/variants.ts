/**
 * The model variants a user can run. Each is a change to the machines
 * (a `MainVariant` of plans), with where it comes from and what it changes.
 */
import type { VariantInfo } from '../../engine/types';
import type { MainVariant } from '../../machines/mod-11658/plan';
import type { UvOptions } from '../../machines/mod-11658/searchUv';
import { fixedVariant } from '../../machines/mod-11658/variants/fixed';
import { prefixVariant } from '../../machines/mod-11658/variants/prefix';
import { triggerFirstVariant } from '../../machines/mod-11658/variants/triggerFirst';
import { BARRIER_TIMEOUT_MS, barrierTimeoutVariant } from '../../machines/mod-11658/variants/barrierTimeout';
import { unlockGilVariant } from '../../machines/mod-11658/variants/unlockGil';
import { DRAIN_TIMEOUT_MS, drainConnectionsVariant } from '../../machines/mod-11658/variants/drainConnections';

export interface VariantModel {
  main: MainVariant;
  uv: UvOptions;
}

const PLAIN_UV: UvOptions = { drainOnShrink: false, drainTimeoutMs: DRAIN_TIMEOUT_MS };

export const VARIANTS: Record<string, VariantModel> = {
  prefix: { main: prefixVariant, uv: PLAIN_UV },
  fixed: { main: fixedVariant, uv: PLAIN_UV },
  'trigger-first': { main: triggerFirstVariant, uv: PLAIN_UV },
  'drain-connections': { main: drainConnectionsVariant, uv: { drainOnShrink: true, drainTimeoutMs: DRAIN_TIMEOUT_MS } },
  'barrier-timeout': { main: barrierTimeoutVariant, uv: PLAIN_UV },
  'unlock-gil': { main: unlockGilVariant, uv: PLAIN_UV },
};

export const VARIANT_INFO: readonly VariantInfo[] = [
  {
    id: 'prefix',
    title: 'As production ran it (pre-fix)',
    description:
      'Shrinking the workers pool broadcasts ADMIN jobs with a barrier on the main thread\u2019s stack, then spins in barrier_wait_and_destroy with the GIL held until every thread has passed it.',
    source: 'RediSearch master dede3e11de (thread pool identical to 2.10.20, which production ran)',
    changes: 'deps/thpool/thpool.c redisearch_thpool_terminate_when_empty / remove_threads; src/util/workers.c',
  },
  {
    id: 'fixed',
    title: 'Upstream fix #7410 (reduce threads asynchronously)',
    description:
      'The main thread schedules config_reduce_threads_job: N ADMIN jobs with a heap barrier that the last worker destroys and frees. It does not wait, so it returns, releases the GIL in beforeSleep, and the blocked worker finishes.',
    source: 'RediSearch PR #7410, master commit 874ce6826d (backports #7519, #7534, #7535)',
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
    description: `uvUpdateConnPoolSize drains the connections it will stop (usleep + RedisModule_Yield, ${DRAIN_TIMEOUT_MS / 1000} s timeout) before MRConnManager_Shrink, and set_workers warns about large reductions. The drain runs on search-uv-1, the thread that would deliver the replies it waits for; and in a hang the trigger never runs at all.`,
    source: 'Proposed fix (seed 003), "Graceful Connection Draining"',
    changes:
      'src/coord/rmr/conn.c MRConnManager_DrainConnections; src/coord/rmr/rmr.c uvUpdateConnPoolSize; src/config.c set_workers',
  },
  {
    id: 'barrier-timeout',
    title: 'Seed proposal: a timeout on barrier_wait_and_destroy',
    description: `barrier_wait_and_destroy gives up after ${BARRIER_TIMEOUT_MS / 1000} s and returns, so the command answers OK. But the barrier and the ADMIN jobs' argument live in that returned stack frame: the worker that was stuck on the GIL later runs its ADMIN job on freed memory (a use-after-free), and the barrier was destroyed with threads inside it.`,
    source: 'Investigation summary (seed 001), "Option 3: Add Timeout to barrier_wait_and_destroy"',
    changes: 'deps/thpool/barrier.c barrier_wait_and_destroy: a deadline on the usleep loop',
  },
  {
    id: 'unlock-gil',
    title: 'Closed PR #7194: release the GIL around the resize',
    description:
      "The setter releases the GIL while it waits at the barrier and takes it back afterwards, so the blocked worker can load its fields and arrive. The PR also needed g_isLoadingConfig (setters run at module load, where unlocking trips 'server.execution_nesting == 1' is not true) and a new pool mutex; neither is modelled here. verify_init is unchanged.",
    source: 'RediSearch PR #7194 (closed)',
    changes:
      'src/util/workers.c workersThreadPool_SetNumWorkers: RedisModule_ThreadSafeContextUnlock / Lock around the resize',
  },
];
