/**
 * The Redis main thread: the event loop. It sleeps with the GIL released
 * (`beforeSleep` -> `moduleReleaseGIL`), takes the GIL in `afterSleep`, runs
 * commands and unblocked-client replies, and releases the GIL again when it
 * has nothing left. FT.SEARCH/FT.AGGREGATE go to the `workers` pool when
 * WORKERS > 0 and run inline otherwise; config commands go through
 * `workersThreadPool_SetNumWorkers`, whose steps a variant supplies.
 */
import { assign, enqueueActions, setup } from 'xstate';
import { effects } from '../effects';
import type { EffectRequest, StateMeta } from '../../engine/types';
import type { CmdEvent, Command, CoordJob, QueryJob, UnblockedEvent } from './model';
import { queryReply } from './model';
import {
  log,
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
}

const LOOP = ['aeProcessEvents', 'aeMain', 'main'] as const;
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
  { target: 'awake' },
] as const;

/** Reply effects for commands that finish on the main thread. */
function simpleReply(c: MainContext): EffectRequest[] {
  const cur = c.current!;
  if (cur.type === 'UNBLOCKED') return reply(c, cur.reply);
  const cmd = cur.cmd;
  switch (cmd.kind) {
    case 'ping':
      return reply(c, { kind: 'status', value: 'PONG' });
    case 'error':
      return [
        ...(cmd.deprecation
          ? [log('warning', 'FT.CONFIG is deprecated, please use CONFIG SET search-workers instead')]
          : []),
        ...reply(c, cmd.reply),
      ];
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
    actions: effects,
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
        on: {
          CMD: {
            target: 'acquiringGil',
            actions: [
              assign({ current: ({ event }) => event }),
              { type: 'send', params: { to: 'gil', event: { type: 'LOCK', by: 'main' } } },
            ],
          },
          UNBLOCKED: {
            target: 'acquiringGil',
            actions: [
              assign({ current: ({ event }) => event }),
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
        meta: meta({
          span: 'holdGil',
          fn: 'aeProcessEvents',
          stack: ['aeMain', 'main'],
          inbox: true,
          idle: 'BEFORE_SLEEP',
        }),
        on: {
          CMD: {
            target: 'executing',
            actions: [
              assign({ current: ({ event }) => event }),
              { type: 'after', params: { event: { type: 'EXEC_DONE' }, cost: 'cmd' } },
            ],
          },
          UNBLOCKED: {
            target: 'executing',
            actions: [
              assign({ current: ({ event }) => event }),
              { type: 'after', params: { event: { type: 'EXEC_DONE' }, cost: 'cmd' } },
            ],
          },
          INIT_NEEDED: {
            target: 'routing',
            actions: runPlan((c, e) => variant.verifyInit(c, e as unknown as PoolInfo)),
          },
          BEFORE_SLEEP: {
            target: 'sleeping',
            actions: [
              assign({ current: null }),
              { type: 'send', params: { to: 'gil', event: { type: 'UNLOCK', by: 'main' } } },
            ],
          },
        },
      },
      executing: {
        meta: meta({
          span: 'holdGil',
          fn: 'call',
          stack: ['processCommand', 'processInputBuffer', 'readQueryFromClient', ...LOOP],
        }),
        on: {
          EXEC_DONE: [
            {
              guard: 'finishes here',
              target: 'awake',
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
                if (cmd.via === 'FT.CONFIG')
                  enqueue(
                    log('warning', 'FT.CONFIG is deprecated, please use CONFIG SET search-workers instead') as never,
                  );
                enqueue.assign({ numWorkerThreads: cmd.value });
                enqueue(send('thpool', { type: 'INFO', by: 'main' }) as never);
              }),
            },
            {
              guard: 'is distributed',
              target: 'awake',
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
              target: 'awake',
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
              target: 'awake',
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
          fn: 'rpLoader_Load',
          stack: ['AREQ_Execute', 'execCommandCommon', 'call', ...LOOP],
        }),
        on: {
          LOAD_DONE: {
            target: 'awake',
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
