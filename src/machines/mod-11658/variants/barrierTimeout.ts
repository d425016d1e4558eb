/**
 * `barrier-timeout`: seed proposal C ("Option 3: Add Timeout to
 * barrier_wait_and_destroy"), as a plain change: after 1 s the spin gives up,
 * destroys the barrier and returns, so the setter finishes and replies OK.
 * But the barrier and the job argument live in that returned stack frame:
 * the worker that was stuck on the GIL later runs its ADMIN job and touches
 * freed memory, and the threads inside pthread_barrier_wait were left in a
 * destroyed barrier (undefined behaviour). The model shows the crash.
 */
import type { MainVariant } from '../plan';
import { prefixVariant } from './prefix';

export const BARRIER_TIMEOUT_MS = 1000;

export const barrierTimeoutVariant: MainVariant = {
  ...prefixVariant,
  spinTimeoutMs: BARRIER_TIMEOUT_MS,
  // Giving up looks to the caller exactly like the barrier draining.
  afterSpinTimeout: (c) => prefixVariant.afterBarrier(c),
};
