/**
 * A `workers` pool thread (`thread_do` in `deps/thpool/thpool.c`). It pulls
 * ADMIN before HIGH/LOW. A query job scans without the GIL, then, if it must
 * load document fields, takes the GIL in RPSafeLoader
 * (`rpSafeLoaderNext_Accumulate` -> `RedisModule_ThreadSafeContextLock`),
 * loads, releases and unblocks the client. An ADMIN job sets the thread's
 * state and waits at the barrier. WHEN_EMPTY threads drain the queue and
 * exit; ASAP threads exit after the job.
 */
import { assign, setup } from 'xstate';
import { effects } from '../effects';
import type { StateMeta } from '../../engine/types';
import { queryReply, type AdminJob, type Job, type QueryJob, type ThreadState } from './model';

export interface WorkerContext {
  id: string;
  pool: string;
  threadState: ThreadState;
  job: Job | null;
}

export type WorkerEvent =
  | { type: 'THREAD_STARTED' }
  | { type: 'JOB'; job: Job }
  | { type: 'EMPTY' }
  | { type: 'SCAN_DONE' }
  | { type: 'GIL_ACQUIRED' }
  | { type: 'LOAD_DONE' }
  | { type: 'REPLY_DONE' }
  | { type: 'BARRIER_PASSED' }
  | { type: 'ADMIN_DONE' };

const THREAD = ['thread_do', 'start_thread'] as const;
const QUERY = ['AREQ_Execute', 'AREQ_Execute_Callback', ...THREAD] as const;
const meta = (m: StateMeta) => m;

const pullFor = (c: WorkerContext) => ({
  to: c.pool,
  // RUNNING threads wait on `has_jobs`; WHEN_EMPTY threads use pull_no_wait.
  event: { type: 'PULL', by: c.id, wait: c.threadState === 'THREAD_RUNNING' },
});

const jobTransitions = [
  {
    guard: 'is query',
    target: 'scanning',
    actions: [
      assign({ job: ({ event }: { event: WorkerEvent }) => (event as { job: Job }).job }),
      { type: 'after', params: { event: { type: 'SCAN_DONE' }, cost: 'scan' } },
    ],
  },
  {
    target: 'barrierWait',
    actions: [
      assign({
        job: ({ event }: { event: WorkerEvent }) => (event as { job: Job }).job,
        threadState: ({ event }: { event: WorkerEvent }) => ((event as { job: Job }).job as AdminJob).newState,
      }),
      {
        type: 'send',
        params: ({ context, event }: { context: WorkerContext; event: WorkerEvent }) => ({
          to: ((event as { job: Job }).job as AdminJob).barrier,
          event: { type: 'ARRIVE', by: context.id },
        }),
      },
    ],
  },
] as const;

/** After a job: ASAP threads leave, others pull again (WHEN_EMPTY exits when empty). */
const afterJob = [
  { guard: 'terminate asap', target: 'exited' },
  {
    target: 'waitingForJob',
    actions: { type: 'send', params: ({ context }: { context: WorkerContext }) => pullFor(context) },
  },
] as const;

export const workerMachine = setup({
  types: {
    context: {} as WorkerContext,
    events: {} as WorkerEvent,
    input: {} as { id: string; pool: string },
  },
  actions: effects,
  guards: {
    'is query': ({ event }) => event.type === 'JOB' && event.job.kind === 'query',
    'needs load': ({ context }) => (context.job as QueryJob).needsLoad,
    'terminate asap': ({ context }) => context.threadState === 'THREAD_TERMINATE_ASAP',
  },
}).createMachine({
  id: 'worker',
  initial: 'starting',
  context: ({ input }) => ({ id: input.id, pool: input.pool, threadState: 'THREAD_RUNNING', job: null }),
  entry: { type: 'after', params: { event: { type: 'THREAD_STARTED' }, cost: 'threadStart' } },
  states: {
    starting: {
      meta: meta({ span: 'running', fn: 'thread_init', stack: ['start_thread'] }),
      on: {
        THREAD_STARTED: {
          target: 'waitingForJob',
          actions: [
            {
              type: 'send',
              params: ({ context }) => ({ to: context.pool, event: { type: 'STARTED', id: context.id } }),
            },
            { type: 'send', params: ({ context }) => pullFor(context) },
          ],
        },
      },
    },
    waitingForJob: {
      // A pull either hands a job over at once, waits on has_jobs, or (WHEN_EMPTY) finds it empty.
      meta: meta({ span: 'idle', fn: 'pthread_cond_wait', stack: ['priority_queue_pull', ...THREAD] }),
      on: { JOB: jobTransitions as never, EMPTY: { target: 'exited' } },
    },
    scanning: {
      meta: meta({ span: 'running', fn: 'rpSafeLoaderNext_Accumulate', stack: ['sendChunk', ...QUERY] }),
      on: {
        SCAN_DONE: [
          {
            guard: 'needs load',
            target: 'waitingGil',
            // RedisSearchCtx_UnlockSpec first (lock ordering), then the GIL.
            actions: {
              type: 'send',
              params: ({ context }) => ({ to: 'gil', event: { type: 'LOCK', by: context.id } }),
            },
          },
          { target: 'replying', actions: { type: 'after', params: { event: { type: 'REPLY_DONE' }, cost: 'reply' } } },
        ],
      },
    },
    waitingGil: {
      meta: meta({
        span: 'waitGil',
        fn: 'RedisModule_ThreadSafeContextLock',
        stack: ['rpSafeLoaderNext_Accumulate', 'sendChunk', ...QUERY],
      }),
      on: {
        GIL_ACQUIRED: {
          target: 'loading',
          actions: { type: 'after', params: { event: { type: 'LOAD_DONE' }, cost: 'load' } },
        },
      },
    },
    loading: {
      meta: meta({
        span: 'holdGil',
        fn: 'rpSafeLoader_Load',
        stack: ['rpSafeLoaderNext_Accumulate', 'sendChunk', ...QUERY],
      }),
      on: {
        LOAD_DONE: {
          target: 'replying',
          actions: [
            { type: 'send', params: ({ context }) => ({ to: 'gil', event: { type: 'UNLOCK', by: context.id } }) },
            { type: 'after', params: { event: { type: 'REPLY_DONE' }, cost: 'reply' } },
          ],
        },
      },
    },
    replying: {
      meta: meta({ span: 'running', fn: 'RedisModule_UnblockClient', stack: ['sendChunk', ...QUERY] }),
      on: {
        REPLY_DONE: {
          target: 'waitingForJob',
          actions: [
            {
              // RM_UnblockClient takes no GIL: it queues the reply and writes to a pipe.
              type: 'send',
              params: ({ context }) => {
                const job = context.job as QueryJob;
                return {
                  to: 'main',
                  event: { type: 'UNBLOCKED', id: job.id, replyTo: job.replyTo, reply: queryReply(job.verb) },
                };
              },
            },
            assign({ job: null }),
            { type: 'send', params: ({ context }) => pullFor(context) },
          ],
        },
      },
    },
    barrierWait: {
      meta: meta({
        span: 'barrier',
        fn: 'pthread_barrier_wait',
        stack: ['barrier_wait', 'admin_job_change_state', ...THREAD],
      }),
      on: {
        BARRIER_PASSED: {
          target: 'afterAdmin',
          actions: [
            {
              // Pre-fix: received++ for the main thread's spin. Post-fix: the last one through frees the barrier.
              type: 'send',
              params: ({ context }) => {
                const job = context.job as AdminJob;
                return { to: job.barrier, event: { type: job.lastDestroys ? 'LEAVE' : 'RECEIVED', by: context.id } };
              },
            },
            { type: 'after', params: { event: { type: 'ADMIN_DONE' }, cost: 'admin' } },
          ],
        },
      },
    },
    afterAdmin: {
      // Back in thread_do: the job returns, then the loop checks the thread's state.
      meta: meta({ span: 'running', fn: 'thread_do', stack: ['start_thread'] }),
      on: { ADMIN_DONE: afterJob as never },
    },
    exited: {
      meta: meta({ span: 'exited', fn: 'pthread_exit' }),
      entry: [
        { type: 'send', params: ({ context }) => ({ to: context.pool, event: { type: 'EXITED', id: context.id } }) },
        { type: 'log', params: ({ context }) => ({ level: 'verbose', message: `Terminating thread ${context.id}` }) },
      ],
    },
  },
});
