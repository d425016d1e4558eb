/**
 * `unlock-gil`: closed PR #7194: release the GIL around the resize
 * (RedisModule_ThreadSafeContextUnlock before the barrier wait, Lock after).
 * The blocked worker can then load its fields and reach the barrier, so the
 * cycle cannot close through the setter. What the PR also had to solve is
 * outside this model: setters run at module load too, where unlocking trips
 * Redis's `'server.execution_nesting == 1' is not true` assertion (hence its
 * `g_isLoadingConfig`), and pool fields the GIL used to guard needed a new
 * pool mutex. verify_init's revive barrier is unchanged.
 */
import { send, type MainVariant } from '../plan';
import { prefixVariant } from './prefix';

const unlock = send('gil', { type: 'UNLOCK', by: 'main' });

export const unlockGilVariant: MainVariant = {
  ...prefixVariant,
  setNumWorkers(c, pool) {
    const plan = prefixVariant.setNumWorkers(c, pool);
    return plan.next === 'spinBarrier' ? { ...plan, effects: [...plan.effects, unlock] } : plan;
  },
  afterBarrier(c) {
    const plan = prefixVariant.afterBarrier(c);
    if (c.spinFor === 'verify_init') return plan;
    return { patch: { pendingPlan: plan }, effects: [], next: 'relockGil' };
  },
};
