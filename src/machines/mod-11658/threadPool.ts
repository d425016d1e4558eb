/**
 * `redisearch_thpool_t` as a passive object: the three job queues (ADMIN >
 * HIGH > LOW) under `jobqueues.lock`, the `has_jobs` condition variable, the
 * pool's lazy-initialisation state, `n_threads` and the threads alive.
 * A thread that finds the queue empty waits on the condition; when jobs
 * arrive each waiter is offered a TAKE and the scheduler picks who wakes.
 */
import { assign, setup } from 'xstate';
import { effects } from '../effects';
import type { Job, PoolState, Priority } from './model';

export interface PoolContext {
  name: string;
  state: PoolState;
  nThreads: number;
  /** Created and not yet exited. */
  threads: string[];
  /** Threads ever created: new threads get fresh names (workers-9 after 8 -> 0 -> 8). */
  created: number;
  /** Started and not yet exited: `num_threads_alive`. */
  alive: string[];
  admin: Job[];
  high: Job[];
  low: Job[];
  /** Threads in `pthread_cond_wait` on `has_jobs`. */
  waiters: string[];
}

export interface PoolInput {
  name: string;
  nThreads: number;
  /** Threads that exist from the start (the coord pool is created eagerly). */
  threads?: string[];
  state?: PoolState;
}

export type PoolEvent =
  | { type: 'ADD_WORK'; by: string; jobs: Job[]; priority: Priority; verifyInit: boolean }
  | { type: 'PULL'; by: string; wait: boolean }
  | { type: 'TAKE'; by: string }
  | { type: 'CREATE_THREADS'; by: string; count: number }
  | { type: 'STARTED'; id: string }
  | { type: 'EXITED'; id: string }
  | { type: 'SET'; state?: PoolState; nThreads?: number }
  | { type: 'INFO'; by: string };

export function queueLength(c: PoolContext): number {
  return c.admin.length + c.high.length + c.low.length;
}

/** The next job in pull order (ADMIN first), and the queues without it. */
function pop(c: PoolContext): { job: Job; rest: Pick<PoolContext, 'admin' | 'high' | 'low'> } | null {
  if (c.admin.length) return { job: c.admin[0], rest: { admin: c.admin.slice(1), high: c.high, low: c.low } };
  if (c.high.length) return { job: c.high[0], rest: { admin: c.admin, high: c.high.slice(1), low: c.low } };
  if (c.low.length) return { job: c.low[0], rest: { admin: c.admin, high: c.high, low: c.low.slice(1) } };
  return null;
}

function push(c: PoolContext, e: { jobs: Job[]; priority: Priority }): Partial<PoolContext> {
  const key = e.priority === 'ADMIN' ? 'admin' : e.priority === 'HIGH' ? 'high' : 'low';
  return { [key]: [...c[key], ...e.jobs] };
}

/** Names for `count` new threads: `<name>-<n>`, never reused. */
function freeNames(c: PoolContext, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${c.name}-${c.created + i + 1}`);
}

export const threadPoolMachine = setup({
  types: { context: {} as PoolContext, events: {} as PoolEvent, input: {} as PoolInput },
  actions: effects,
  guards: {
    'has job': ({ context }) => queueLength(context) > 0,
    'may wait': ({ event }) => event.type === 'PULL' && event.wait,
    'needs init': ({ context, event }) =>
      event.type === 'ADD_WORK' && event.verifyInit && context.state === 'THPOOL_UNINITIALIZED',
  },
}).createMachine({
  id: 'thpool',
  initial: 'ready',
  context: ({ input }) => ({
    name: input.name,
    // Lazy: a pool starts UNINITIALIZED and creates its threads on the first job.
    state: input.state ?? 'THPOOL_UNINITIALIZED',
    nThreads: input.nThreads,
    threads: input.threads ?? [],
    created: input.threads?.length ?? 0,
    alive: input.threads ?? [],
    admin: [],
    high: [],
    low: [],
    waiters: [],
  }),
  states: {
    ready: {
      on: {
        ADD_WORK: [
          {
            // verify_init: the submitter must start the pool first.
            guard: 'needs init',
            actions: [
              assign(({ context, event }) => push(context, event)),
              {
                type: 'send',
                params: ({ context, event }) => ({
                  to: event.by,
                  event: {
                    type: 'INIT_NEEDED',
                    alive: context.alive.length,
                    nThreads: context.nThreads,
                    state: context.state,
                  },
                }),
              },
            ],
          },
          { actions: assign(({ context, event }) => push(context, event)) },
        ],
        PULL: [
          {
            guard: 'has job',
            actions: [
              {
                type: 'send',
                params: ({ context, event }) => ({ to: event.by, event: { type: 'JOB', job: pop(context)!.job } }),
              },
              assign(({ context }) => pop(context)!.rest),
            ],
          },
          // pthread_cond_wait on has_jobs: the waiter is offered a TAKE when work arrives.
          { guard: 'may wait', actions: assign({ waiters: ({ context, event }) => [...context.waiters, event.by] }) },
          { actions: { type: 'send', params: ({ event }) => ({ to: event.by, event: { type: 'EMPTY' } }) } },
        ],
        TAKE: {
          guard: 'has job',
          actions: [
            {
              type: 'send',
              params: ({ context, event }) => ({ to: event.by, event: { type: 'JOB', job: pop(context)!.job } }),
            },
            assign(({ context, event }) => ({
              ...pop(context)!.rest,
              waiters: context.waiters.filter((w) => w !== event.by),
            })),
          ],
        },
        CREATE_THREADS: {
          actions: [
            {
              type: 'send',
              params: ({ context, event }) => ({
                to: event.by,
                event: { type: 'THREADS_CREATED', ids: freeNames(context, event.count) },
              }),
            },
            assign({
              threads: ({ context, event }) => [...context.threads, ...freeNames(context, event.count)],
              created: ({ context, event }) => context.created + event.count,
            }),
          ],
        },
        STARTED: { actions: assign({ alive: ({ context, event }) => [...context.alive, event.id] }) },
        EXITED: {
          actions: assign({
            alive: ({ context, event }) => context.alive.filter((t) => t !== event.id),
            threads: ({ context, event }) => context.threads.filter((t) => t !== event.id),
            waiters: ({ context, event }) => context.waiters.filter((t) => t !== event.id),
          }),
        },
        SET: {
          actions: assign(({ context, event }) => ({
            state: event.state ?? context.state,
            nThreads: event.nThreads ?? context.nThreads,
          })),
        },
        INFO: {
          actions: {
            type: 'send',
            params: ({ context, event }) => ({
              to: event.by,
              event: {
                type: 'POOL_INFO',
                nThreads: context.nThreads,
                state: context.state,
                alive: context.alive.length,
              },
            }),
          },
        },
      },
    },
  },
});
