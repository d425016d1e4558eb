/**
 * The Redis main thread: the event loop (`aeMain` -> `aeProcessEvents`). It
 * sleeps in `epoll_wait` with the GIL released; `aeApiPoll` returns the events
 * ready at that moment (`numevents`); `afterSleep` takes the GIL
 * (`moduleAcquireGIL`); the iteration serves exactly those events, commands
 * and unblocked-client replies; then `beforeSleep` ends with
 * `moduleReleaseGIL` and the loop polls again, even if more events arrived
 * meanwhile: they are the next iteration's. So a worker blocked in
 * `RedisModule_ThreadSafeContextLock` gets the GIL between two iterations
 * however heavy the load.
 *
 * Under untimed semantics (the explorer's) any pending event may have been
 * among those `epoll_wait` returned: the iteration serves its inbox while it
 * is non-empty and `beforeSleep` may come at any point (the engine's idle
 * move), which covers every batch.
 *
 * FT.SEARCH/FT.AGGREGATE go to the `workers` pool when WORKERS > 0 and run
 * inline otherwise; config commands go through
 * `workersThreadPool_SetNumWorkers`, whose steps a variant supplies.
 */
import { assign, enqueueActions, setup } from 'xstate';
import { effects } from '../effects';
import type { EffectRequest, StateMeta } from '../../engine/types';
import type { CmdEvent, Command, CoordJob, QueryJob, UnblockedEvent } from './model';
import { queryReply } from './model';
import {
  versionLog,
  queued,
  reply,
  send,
  type MainContext,
  type MainVariant,
  type Next,
  type Plan,
  type PoolInfo,
} from './plan';

export type MainEvent =
  | CmdEvent
  | UnblockedEvent
  | { type: 'GIL_ACQUIRED' }
  | { type: 'EXEC_DONE' }
  | { type: 'SCAN_DONE' }
  | { type: 'LOAD_DONE' }
  | { type: 'FIRED'; numevents: number }
  | { type: 'BEFORE_SLEEP' }
  | ({ type: 'POOL_INFO' } & PoolInfo)
  | ({ type: 'INIT_NEEDED' } & PoolInfo)
  | { type: 'THREADS_CREATED'; ids: string[] }
  | { type: 'BARRIER_DRAINED' }
  | { type: 'THREADS_ALIVE' }
  | { type: 'SPIN_TIMEOUT' };

export interface MainInput {
  numWorkerThreads: number;
  cluster: boolean;
  /** Untimed semantics: any pending event may be in an iteration's batch (see above). */
  untimed?: boolean;
}

const LOOP = ['aeProcessEvents', 'aeMain', 'main'] as const;
const DEPRECATED = 'FT.CONFIG is deprecated, please use CONFIG SET search-workers instead';
const meta = (m: StateMeta) => m;

const cmdOf = (c: MainContext): Command | null => (c.current?.type === 'CMD' ? c.current.cmd : null);
const queryOf = (c: MainContext) => {
  const cmd = cmdOf(c);
  return cmd?.kind === 'query' ? cmd : null;
};

/** The effects and routing of a plan, enqueued on the current transition. */
const runPlan = (make: (c: MainContext, e: MainEvent) => Plan) =>
  enqueueActions(({ context, event, enqueue }) => {
    const plan = make(context as MainContext, event as MainEvent);
    enqueue.assign({ ...plan.patch, next: plan.next });
    for (const eff of plan.effects) enqueue(eff as never);
  }) as never;

const route = [
  { guard: 'next is spinBarrier', target: 'spinBarrier' },
  { guard: 'next is spinAlive', target: 'spinAlive' },
  { guard: 'next is creatingThreads', target: 'creatingThreads' },
  { guard: 'next is relockGil', target: 'relockGil' },
  { target: 'processed' },
] as const;

/** The wake-up: `epoll_wait` returned with `event` among the fired events. */
const wake = [
  {
    guard: 'untimed',
    target: 'acquiringGil',
    actions: [
      assign({ current: ({ event }: { event: MainEvent }) => event as CmdEvent | UnblockedEvent }),
      { type: 'send', params: { to: 'gil', event: { type: 'LOCK', by: 'main' } } },
    ],
  },
  {
    target: 'polled',
    actions: assign({ current: ({ event }: { event: MainEvent }) => event as CmdEvent | UnblockedEvent }),
  },
] as const;

/** Taking the next fired event of this iteration (`fired` counts down; untimed, it stays null). */
const serve = {
  target: 'executing',
  actions: [
    assign({
      current: ({ event }: { event: MainEvent }) => event as CmdEvent | UnblockedEvent,
      fired: ({ context }: { context: MainContext }) => (context.fired === null ? null : context.fired - 1),
    }),
    { type: 'after', params: { event: { type: 'EXEC_DONE' }, cost: 'cmd' } },
  ],
} as const;

/** verify_init's answer can come as the last fired event's work ends: the same in both states. */
const initNeeded = (variant: MainVariant) => ({
  target: 'routing',
  actions: runPlan((c, e) => variant.verifyInit(c, e as unknown as PoolInfo)),
});

/** beforeSleep ends with moduleReleaseGIL; then epoll_wait. */
const beforeSleep = {
  target: 'sleeping',
  actions: [
    assign({ current: null, fired: null }),
    { type: 'send', params: { to: 'gil', event: { type: 'UNLOCK', by: 'main' } } },
  ],
} as const;

/** `call` for a client's command; `unblocked` when main writes a worker's reply to its client. */
function callNote(c: MainContext) {
  const cur = c.current!;
  return cur.type === 'CMD'
    ? { kind: 'call', id: cur.id, client: cur.replyTo, text: cur.text }
    : { kind: 'unblocked', id: cur.id, client: cur.replyTo };
}

/** Reply effects for commands that finish on the main thread. */
function simpleReply(c: MainContext): EffectRequest[] {
  const cur = c.current!;
  if (cur.type === 'UNBLOCKED') return reply(c, cur.reply);
  const cmd = cur.cmd;
  switch (cmd.kind) {
    case 'ping':
      return reply(c, { kind: 'status', value: 'PONG' });
    case 'error':
      return [...(cmd.deprecation ? [versionLog('deprecation', 'warning', DEPRECATED)] : []), ...reply(c, cmd.reply)];
    case 'configGet': {
      const value = String(c.numWorkerThreads);
      if (cmd.via === 'CONFIG') {
        return reply(
          c,
          cmd.option === 'search-workers'
            ? {
                kind: 'array',
                items: [
                  { kind: 'bulk', value: 'search-workers' },
                  { kind: 'bulk', value },
                ],
              }
            : { kind: 'array', items: [] },
        );
      }
      return reply(
        c,
        cmd.option === 'WORKERS'
          ? {
              kind: 'array',
              items: [
                {
                  kind: 'array',
                  items: [
                    { kind: 'bulk', value: 'WORKERS' },
                    { kind: 'bulk', value },
                  ],
                },
              ],
            }
          : { kind: 'array', items: [] },
      );
    }
    default:
      return [];
  }
}

function queryJob(c: MainContext): QueryJob {
  const cur = c.current as CmdEvent;
  const q = queryOf(c)!;
  return { kind: 'query', id: cur.id, verb: q.verb, needsLoad: q.needsLoad, replyTo: cur.replyTo, text: cur.text };
}

export function createMainMachine(variant: MainVariant) {
  return setup({
    types: { context: {} as MainContext, events: {} as MainEvent, input: {} as MainInput },
    // versionLog: a line only some builds print; the incident decides (builds.ts).
    actions: { ...effects, versionLog: (_: unknown, _p: unknown) => {} },
    guards: {
      'finishes here': ({ context }) => {
        const cmd = cmdOf(context);
        return (
          context.current?.type === 'UNBLOCKED' || (cmd !== null && cmd.kind !== 'query' && cmd.kind !== 'configSet')
        );
      },
      'is config set': ({ context }) => cmdOf(context)?.kind === 'configSet',
      'is distributed': ({ context }) => context.cluster && queryOf(context)?.internal === false,
      // RunInThread(): the setter writes numWorkerThreads before resizing.
      'runs in thread': ({ context }) => queryOf(context) !== null && context.numWorkerThreads > 0,
      'needs load': ({ context }) => queryOf(context)?.needsLoad === true,
      'next is spinBarrier': ({ context }) => context.next === ('spinBarrier' satisfies Next),
      'next is spinAlive': ({ context }) => context.next === ('spinAlive' satisfies Next),
      'next is creatingThreads': ({ context }) => context.next === ('creatingThreads' satisfies Next),
      'next is relockGil': ({ context }) => context.next === ('relockGil' satisfies Next),
      untimed: ({ context }) => context.untimed,
      // aeProcessEvents' `for (j = 0; j < numevents; j++)` is over.
      'iteration served': ({ context }) => context.fired === 0,
    },
  }).createMachine({
    id: 'main',
    initial: 'sleeping',
    context: ({ input }) => ({
      numWorkerThreads: input.numWorkerThreads,
      cluster: input.cluster,
      current: null,
      curr: 0,
      target: 0,
      barrierSeq: 0,
      barrier: null,
      spinFor: null,
      awaitAlive: 0,
      awaitIds: [],
      toCreate: 0,
      next: 'awake',
      inSetter: false,
      aliveRule: variant.aliveCondition,
      spinTimeoutMs: variant.spinTimeoutMs ?? 0,
      pendingPlan: null,
      triggered: false,
      untimed: input.untimed === true,
      fired: null,
    }),
    // workersThreadPool_OnActivation / OnDeactivation at module load.
    entry: {
      type: 'log',
      params: ({ context }) =>
        context.numWorkerThreads > 0
          ? { level: 'notice', message: `Enabled workers threadpool of size ${context.numWorkerThreads}` }
          : { level: 'notice', message: 'Disabled workers threadpool of size 0' },
    },
    states: {
      sleeping: {
        meta: meta({ span: 'idle', fn: 'epoll_wait', stack: ['aeApiPoll', ...LOOP], inbox: true }),
        on: { CMD: wake as never, UNBLOCKED: wake as never },
      },
      polled: {
        // aeApiPoll returns `numevents`: this event and the others ready now (the incident offers FIRED).
        meta: meta({ span: 'idle', fn: 'aeApiPoll', stack: [...LOOP] }),
        on: {
          FIRED: {
            target: 'acquiringGil',
            actions: [
              assign({ fired: ({ event }) => (event as { numevents: number }).numevents - 1 }),
              { type: 'send', params: { to: 'gil', event: { type: 'LOCK', by: 'main' } } },
            ],
          },
        },
      },
      acquiringGil: {
        meta: meta({ span: 'waitGil', fn: 'moduleAcquireGIL', stack: ['afterSleep', ...LOOP] }),
        on: {
          GIL_ACQUIRED: {
            target: 'executing',
            actions: { type: 'after', params: { event: { type: 'EXEC_DONE' }, cost: 'cmd' } },
          },
        },
      },
      awake: {
        // Between two fired events of this iteration (untimed: while the inbox is non-empty).
        meta: meta({
          span: 'holdGil',
          fn: 'aeProcessEvents',
          stack: ['aeMain', 'main'],
          inbox: true,
          idle: 'BEFORE_SLEEP',
        }),
        on: {
          CMD: serve as never,
          UNBLOCKED: serve as never,
          INIT_NEEDED: initNeeded(variant),
          BEFORE_SLEEP: beforeSleep as never,
        },
      },
      processed: {
        // One fired event done: the next one, or beforeSleep when the iteration has served them all.
        meta: meta({ span: 'holdGil', fn: 'aeProcessEvents', stack: ['aeMain', 'main'] }),
        always: [{ guard: 'iteration served', target: 'beforeSleep' }, { target: 'awake' }],
      },
      beforeSleep: {
        // Events that arrived during the iteration wait for the next epoll_wait (the incident offers BEFORE_SLEEP).
        meta: meta({ span: 'holdGil', fn: 'beforeSleep', stack: ['aeProcessEvents', 'aeMain', 'main'] }),
        on: { INIT_NEEDED: initNeeded(variant), BEFORE_SLEEP: beforeSleep as never },
      },
      executing: {
        meta: meta({
          span: 'holdGil',
          fn: 'call',
          stack: ['processCommand', 'processInputBuffer', 'readQueryFromClient', ...LOOP],
        }),
        // For the record only (CLIENT LIST, INFO commandstats): which client's command main runs now.
        entry: { type: 'note', params: ({ context }) => callNote(context) },
        on: {
          EXEC_DONE: [
            {
              guard: 'finishes here',
              target: 'processed',
              actions: enqueueActions(({ context, enqueue }) =>
                simpleReply(context).forEach((e) => enqueue(e as never)),
              ),
            },
            {
              guard: 'is config set',
              target: 'configSetter',
              actions: enqueueActions(({ context, enqueue }) => {
                const cmd = cmdOf(context);
                if (cmd?.kind !== 'configSet') return;
                // FT.CONFIG warns before calling the setter; CONFIG SET does not.
                if (cmd.via === 'FT.CONFIG') enqueue(versionLog('deprecation', 'warning', DEPRECATED) as never);
                enqueue.assign({ numWorkerThreads: cmd.value });
                enqueue(send('thpool', { type: 'INFO', by: 'main' }) as never);
              }),
            },
            {
              guard: 'is distributed',
              target: 'processed',
              actions: {
                type: 'send',
                params: ({ context }) => {
                  const cur = context.current as CmdEvent;
                  const q = queryOf(context)!;
                  const job: CoordJob = {
                    kind: q.verb === 'FT.SEARCH' ? 'distSearch' : 'distAggregate',
                    id: cur.id,
                    verb: q.verb,
                    needsLoad: q.needsLoad,
                    replyTo: cur.replyTo,
                    text: cur.text,
                  };
                  return {
                    to: 'coordpool',
                    event: { type: 'ADD_WORK', by: 'main', jobs: [job], priority: 'HIGH', verifyInit: false },
                  };
                },
              },
            },
            {
              // Block the client and queue AREQ_Execute_Callback; verify_init may answer INIT_NEEDED.
              guard: 'runs in thread',
              target: 'processed',
              actions: { type: 'send', params: ({ context }) => queued(queryJob(context)).params as never },
            },
            {
              target: 'inlineScan',
              actions: { type: 'after', params: { event: { type: 'SCAN_DONE' }, cost: 'scan' } },
            },
          ],
        },
      },
      inlineScan: {
        meta: meta({ span: 'holdGil', fn: 'AREQ_Execute', stack: ['execCommandCommon', 'call', ...LOOP] }),
        on: {
          SCAN_DONE: [
            {
              guard: 'needs load',
              target: 'inlineLoad',
              actions: { type: 'after', params: { event: { type: 'LOAD_DONE' }, cost: 'load' } },
            },
            {
              target: 'processed',
              actions: enqueueActions(({ context, enqueue }) =>
                reply(context, queryReply(queryOf(context)!.verb)).forEach((e) => enqueue(e as never)),
              ),
            },
          ],
        },
      },
      inlineLoad: {
        meta: meta({
          span: 'holdGil',
          fn: 'rpLoader_loadDocument',
          stack: ['rploaderNext', 'sendChunk', 'AREQ_Execute', 'execCommandCommon', 'call', ...LOOP],
        }),
        on: {
          LOAD_DONE: {
            target: 'processed',
            actions: enqueueActions(({ context, enqueue }) =>
              reply(context, queryReply(queryOf(context)!.verb)).forEach((e) => enqueue(e as never)),
            ),
          },
        },
      },
      configSetter: {
        meta: meta({ span: 'holdGil', fn: 'workersThreadPool_SetNumWorkers', stack: [] }),
        on: {
          POOL_INFO: {
            target: 'routing',
            actions: runPlan((c, e) => variant.setNumWorkers(c, e as unknown as PoolInfo)),
          },
        },
      },
      routing: {
        meta: meta({ span: 'holdGil', fn: 'workersThreadPool_SetNumWorkers', stack: [] }),
        always: route as never,
      },
      spinBarrier: {
        // while (b->received < b->count) usleep(1); no timeout in the real code.
        meta: meta({ span: 'spinning', fn: 'barrier_wait_and_destroy', stack: [] }),
        entry: enqueueActions(({ context, enqueue }) => {
          const ms = (context as MainContext).spinTimeoutMs;
          if (ms > 0) enqueue({ type: 'after', params: { event: { type: 'SPIN_TIMEOUT' }, ms } } as never);
        }),
        on: {
          BARRIER_DRAINED: {
            target: 'routing',
            actions: [{ type: 'cancel' }, runPlan((c) => variant.afterBarrier(c))],
          },
          SPIN_TIMEOUT: { target: 'routing', actions: runPlan((c) => variant.afterSpinTimeout!(c)) },
        },
      },
      relockGil: {
        // RedisModule_ThreadSafeContextLock after a resize done without the GIL.
        meta: meta({ span: 'waitGil', fn: 'RedisModule_ThreadSafeContextLock', stack: [] }),
        entry: { type: 'send', params: { to: 'gil', event: { type: 'LOCK', by: 'main' } } },
        on: {
          GIL_ACQUIRED: {
            target: 'routing',
            actions: runPlan((c) => ({ ...c.pendingPlan!, patch: { ...c.pendingPlan!.patch, pendingPlan: null } })),
          },
        },
      },
      creatingThreads: {
        meta: meta({ span: 'holdGil', fn: 'redisearch_thpool_add_threads', stack: [] }),
        on: {
          THREADS_CREATED: {
            target: 'routing',
            actions: runPlan((c, e) => variant.createThreads(c, (e as { ids: string[] }).ids)),
          },
        },
      },
      spinAlive: {
        // while (num_threads_alive != n_threads) usleep(1);
        meta: meta({ span: 'spinning', fn: 'usleep', stack: [] }),
        on: { THREADS_ALIVE: { target: 'routing', actions: runPlan((c) => variant.afterThreadsAlive(c)) } },
      },
    },
  });
}
