/**
 * `drain-connections`: seed proposal A ("Graceful Connection Draining"):
 * uvUpdateConnPoolSize drains the connections it is about to stop
 * (MRConnManager_DrainConnections, with RedisModule_Yield and a 5 s
 * timeout) before MRConnManager_Shrink, and set_workers warns about large
 * reductions. The drain runs on search-uv-1 (see searchUv.ts); the main
 * thread's resize is the pre-fix one, which it never gets past in a hang.
 */
import { log, type MainVariant } from '../plan';
import type { CmdEvent } from '../model';
import { prefixVariant } from './prefix';

export const DRAIN_TIMEOUT_MS = 5000;

export const drainConnectionsVariant: MainVariant = {
  ...prefixVariant,
  setNumWorkers(c, pool) {
    const plan = prefixVariant.setNumWorkers(c, pool);
    const cmd = (c.current as CmdEvent | null)?.cmd;
    const old = pool.nThreads;
    const next = c.numWorkerThreads;
    // The proposal changes set_workers (CONFIG SET search-workers) only.
    if (cmd?.kind !== 'configSet' || cmd.via !== 'CONFIG') return plan;
    let warning = null;
    if (old > 0 && next === 0) {
      warning =
        `Reducing WORKERS from ${old} to 0. This may cause temporary slowdown as all queries will run on the main thread. ` +
        `Connection pool will be reduced from ${old + 1} to 1.`;
    } else if (old > next && old - next > 4) {
      warning =
        `Large reduction in WORKERS from ${old} to ${next}. Connection pool will be reduced from ${old + 1} to ${next + 1}. ` +
        'Consider gradual reduction if under heavy load.';
    }
    return warning ? { ...plan, effects: [log('warning', warning), ...plan.effects] } : plan;
  },
};
