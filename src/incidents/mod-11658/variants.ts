/**
 * The model variants a user can run. Each is a change to the machines
 * (a `MainVariant` of plans), with where it comes from and what it changes.
 */
import type { VariantInfo } from '../../engine/types';
import type { MainVariant } from '../../machines/mod-11658/plan';
import { fixedVariant } from '../../machines/mod-11658/variants/fixed';
import { prefixVariant } from '../../machines/mod-11658/variants/prefix';

export const VARIANTS: Record<string, MainVariant> = {
  prefix: prefixVariant,
  fixed: fixedVariant,
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
];
