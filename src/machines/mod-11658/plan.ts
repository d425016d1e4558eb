/**
 * What the main thread does inside `workersThreadPool_SetNumWorkers` and
 * `verify_init`, as pure "plans": the effects to request and the state to go
 * to next. The main machine holds the states (spinning, waiting for threads);
 * a variant supplies the plans, so a proposed fix is a local change to one
 * variant file, never a flag that fakes an outcome.
 */
import type { EffectRequest, LogLevel, SimEvent } from '../../engine/types';
import type { AdminJob, CmdEvent, ConfigVia, PoolState, QueryJob, Reply, ThreadState, UnblockedEvent } from './model';
import { OK } from './model';

/** Why the main thread is spinning: names the function that spins. */
export type SpinReason = 'terminate_when_empty' | 'remove_threads' | 'add_threads' | 'verify_init';

/** Where a plan leaves the main thread; `awake`: back in aeProcessEvents, to the iteration's next event. */
export type Next = 'spinBarrier' | 'spinAlive' | 'creatingThreads' | 'relockGil' | 'awake';

export interface MainContext {
  /** `RSGlobalConfig.numWorkerThreads`, read by `RunInThread()`. */
  numWorkerThreads: number;
  cluster: boolean;
  current: CmdEvent | UnblockedEvent | null;
  /** `curr_workers` and `worker_count` of the running setter. */
  curr: number;
  target: number;
  barrierSeq: number;
  /** The barrier being spun on. */
  barrier: string | null;
  spinFor: SpinReason | null;
  /** Pre-fix spin: until `num_threads_alive == awaitAlive`. */
  awaitAlive: number;
  /** Post-fix add_threads: until these threads have started. */
  awaitIds: string[];
  /** Threads still to create once the revive barrier opens (verify_init). */
  toCreate: number;
  next: Next;
  /** The setter's caller is a config command (not verify_init from a query). */
  inSetter: boolean;
  /** How spinAlive ends: `num_threads_alive == n` (pre-fix) or own threads started. */
  aliveRule: 'count' | 'own threads';
  /** A variant's timeout on barrier_wait_and_destroy (0: none, as in the real code). */
  spinTimeoutMs: number;
  /** What to do once the GIL is taken back (variants that release it around the resize). */
  pendingPlan: Plan | null;
  /** COORDINATOR_TRIGGER already ran for this setter (a variant that calls it first). */
  triggered: boolean;
  /** Untimed semantics: any pending event may be among those an iteration serves. */
  untimed: boolean;
  /**
   * The events `epoll_wait` returned for this iteration still to serve after
   * the current one (`numevents - j - 1` in aeProcessEvents); null while
   * asleep, and always under untimed semantics (the iteration is unbounded).
   */
  fired: number | null;
}

export interface PoolInfo {
  nThreads: number;
  state: PoolState;
  alive: number;
}

export interface Plan {
  patch: Partial<MainContext>;
  effects: EffectRequest[];
  next: Next;
}

export interface MainVariant {
  /** After `config->numWorkerThreads = n`, with the pool as it is now. */
  setNumWorkers(c: MainContext, pool: PoolInfo): Plan;
  /** The barrier the main thread spun on has drained (`received == count`). */
  afterBarrier(c: MainContext): Plan;
  /** New threads were named by the pool: create them. */
  createThreads(c: MainContext, ids: string[]): Plan;
  /** Every thread waited for is alive. */
  afterThreadsAlive(c: MainContext): Plan;
  /** `verify_init` after a job was added to an UNINITIALIZED pool. */
  verifyInit(c: MainContext, pool: PoolInfo): Plan;
  /** How the spinAlive offer is decided. */
  aliveCondition: 'count' | 'own threads';
  /** A timeout on barrier_wait_and_destroy, and what follows it (proposal C). */
  spinTimeoutMs?: number;
  afterSpinTimeout?(c: MainContext): Plan;
}

// ---- effect builders ---------------------------------------------------------

export const send = (to: string, event: SimEvent, cost?: string): EffectRequest => ({
  type: 'send',
  params: cost ? { to, event, cost } : { to, event },
});
export const log = (level: LogLevel, message: string): EffectRequest => ({ type: 'log', params: { level, message } });

/** A line only some builds print (`which`): the incident prints it or not by the run's build (builds.ts). */
export type VersionedLine = 'changing' | 'deprecation';
export const versionLog = (which: VersionedLine, level: LogLevel, message: string): EffectRequest => ({
  type: 'versionLog',
  params: { which, level, message },
});
export const poolSet = (patch: { state?: PoolState; nThreads?: number }): EffectRequest =>
  send('thpool', { type: 'SET', ...patch });

/** Who receives operator commands' replies (kept in the record as notes). */
export const OPERATOR = 'redis-cli';

/** The reply to the current command or unblocked client; operator replies are noted for the record. */
export function reply(c: MainContext, value: Reply): EffectRequest[] {
  const cur = c.current!;
  const out = send(cur.replyTo, { type: 'REPLY', id: cur.id, reply: value }, 'net');
  if (cur.replyTo !== OPERATOR) return [out];
  return [out, { type: 'note', params: { kind: 'reply', id: cur.id, to: cur.replyTo, reply: value } }];
}

/**
 * A note for the record: the setter found the pool UNINITIALIZED (it had run
 * no job since it was sized, so no thread was started) and `fn` returned at
 * once, with nothing to wait for. The report says so next to the reply.
 */
export function idlePool(c: MainContext, fn: string): EffectRequest {
  return { type: 'note', params: { kind: 'idle pool', id: c.current?.id ?? null, fn, from: c.curr, to: c.target } };
}

/** A barrier plus `n` ADMIN jobs pointing at it (`redisearch_thpool_add_n_work`). */
export function broadcast(
  c: MainContext,
  states: ThreadState[],
  home: 'main stack' | 'heap',
): { id: string; effects: EffectRequest[] } {
  const id = `barrier-${c.barrierSeq + 1}`;
  const jobs: AdminJob[] = states.map((newState) => ({
    kind: 'admin',
    newState,
    barrier: id,
    lastDestroys: home === 'heap',
  }));
  return {
    id,
    effects: [
      { type: 'spawn', params: { id, kind: 'barrier', input: { count: states.length, home, owner: 'main' } } },
      send('thpool', { type: 'ADD_WORK', by: 'main', jobs, priority: 'ADMIN', verifyInit: false }),
    ],
  };
}

export const repeat = <T>(n: number, v: T): T[] => Array.from({ length: n }, () => v);

/** `COORDINATOR_TRIGGER()`: `triggerConnPerShard` -> `MR_UpdateConnPoolSize` (cluster only). */
export function coordinatorTrigger(c: MainContext): EffectRequest[] {
  if (!c.cluster || c.triggered) return [];
  return [send('search-uv-1', { type: 'UPDATE_CONN_POOL', n: c.numWorkerThreads + 1 }, 'local')];
}

/** The setter returned: trigger, then the command's reply and its log line. */
export function finishSetter(c: MainContext): Plan {
  const cur = c.current as CmdEvent;
  const via: ConfigVia = cur.cmd.kind === 'configSet' ? cur.cmd.via : 'CONFIG';
  const excess = cur.cmd.kind === 'configSet' && cur.cmd.excess;
  const effects = [...coordinatorTrigger(c)];
  if (via === 'FT.CONFIG' && excess) effects.push(...reply(c, { kind: 'status', value: 'EXCESSARGS' }));
  else {
    if (via === 'FT.CONFIG') effects.push(log('notice', 'Successfully changed configuration for `WORKERS`'));
    effects.push(...reply(c, OK));
  }
  return { patch: { spinFor: null, barrier: null, inSetter: false, triggered: false }, effects, next: 'awake' };
}

/** `workersThreadPool_OnDeactivation`, then the setter returns. */
export function deactivated(c: MainContext): Plan {
  const done = finishSetter(c);
  return { ...done, effects: [log('notice', `Disabled workers threadpool of size ${c.curr}`), ...done.effects] };
}

/** End of a setter that grew the pool: OnActivation when it was empty. */
export function grown(c: MainContext, extra: EffectRequest[] = []): Plan {
  const done = finishSetter(c);
  const activation = c.curr === 0 ? [log('notice', `Enabled workers threadpool of size ${c.target}`)] : [];
  return { ...done, effects: [...extra, ...activation, ...done.effects] };
}

/** `redisearch_thpool_add_threads`: lazy pools only raise `n_threads`. */
export function addThreads(c: MainContext, pool: PoolInfo): Plan {
  const k = c.target - c.curr;
  if (pool.state === 'THPOOL_UNINITIALIZED') {
    return grown(c, [poolSet({ nThreads: pool.nThreads + k })]);
  }
  return {
    patch: { spinFor: 'add_threads', toCreate: k },
    effects: [
      poolSet({ nThreads: pool.nThreads + k }),
      send('thpool', { type: 'CREATE_THREADS', by: 'main', count: k }),
    ],
    next: 'creatingThreads',
  };
}

/** Spawning named threads: `Creating background thread: …` for each. */
export function spawnThreads(ids: string[]): EffectRequest[] {
  return ids.flatMap((id) => [
    log('verbose', `Creating background thread: ${id}`),
    { type: 'spawn', params: { id, kind: 'worker', input: { id, pool: 'thpool' } } },
  ]);
}

/** After verify_init's revive barrier (or directly): create the missing threads. */
export function createMissing(missing: number): Plan {
  if (missing > 0) {
    return {
      patch: { spinFor: 'verify_init', toCreate: missing },
      effects: [send('thpool', { type: 'CREATE_THREADS', by: 'main', count: missing })],
      next: 'creatingThreads',
    };
  }
  return { patch: { spinFor: 'verify_init' }, effects: [], next: 'spinAlive' };
}

export const queued = (job: QueryJob) =>
  send('thpool', { type: 'ADD_WORK', by: 'main', jobs: [job], priority: 'HIGH', verifyInit: true });
