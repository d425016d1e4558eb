/**
 * `trigger-first`: seed proposal B ("Option 1: Trigger Connection Shrinking
 * First"): `set_workers` calls COORDINATOR_TRIGGER() before
 * workersThreadPool_SetNumWorkers(). The trigger only schedules
 * uvUpdateConnPoolSize on search-uv-1 and returns; the resize that follows is
 * the pre-fix one, spinning with the GIL held.
 */
import { coordinatorTrigger, type MainVariant } from '../plan';
import { prefixVariant } from './prefix';

export const triggerFirstVariant: MainVariant = {
  ...prefixVariant,
  setNumWorkers(c, pool) {
    const trigger = coordinatorTrigger(c);
    const plan = prefixVariant.setNumWorkers({ ...c, triggered: true }, pool);
    return { ...plan, patch: { ...plan.patch, triggered: true }, effects: [...trigger, ...plan.effects] };
  },
};
