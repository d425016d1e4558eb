/**
 * MOD-11658's narrated tour and glossary: each chapter loads a real run and
 * puts the cursor at a moment found in it (the first span of a function, the
 * hang, the point of no return), so what the text says is what the screen
 * shows. Words from incident-model.md §2–§7.
 */
import type { TourChapter } from '../module';
import { PRODUCTION, REPRODUCTION_TEST } from './documentedRuns';

const WORKERS_0 = 'FT.CONFIG SET WORKERS 0';

export const GLOSSARY: Readonly<Record<string, string>> = {
  GIL: 'The module GIL: one lock that Redis modules take (RedisModule_ThreadSafeContextLock) to touch the keyspace from their own threads. Redis\u2019s main thread holds it whenever it runs commands and lets go of it only in beforeSleep, once per event-loop iteration.',
  'ADMIN job':
    'A job of the highest priority in RediSearch\u2019s thread pool: admin_job_change_state sets the thread\u2019s state (e.g. THREAD_TERMINATE_WHEN_EMPTY), then waits at a barrier. One is pushed per thread when the pool changes size.',
  barrier:
    'A meeting point for N threads: nobody passes until all N have arrived. Before the fix, main waited at the pool\u2019s barrier in barrier_wait_and_destroy, spinning with usleep, while holding the GIL.',
  RPSafeLoader:
    'The result processor that loads document fields (LOAD, SORTBY on an unsortable field, RETURN) for a query running in a worker thread: it takes the GIL to read the keyspace, then releases it.',
  coordinator:
    'In cluster mode, the part of RediSearch that fans a query out to every shard and merges the replies, on its own `coord` thread pool.',
  'search-uv':
    'The coordinator\u2019s I/O thread (search-uv-1): a libuv loop that sends the fan-out commands and reads the shards\u2019 replies. It takes the GIL only to set up a connection.',
};

export const TOUR: readonly TourChapter[] = [
  {
    id: 'healthy',
    title: 'A healthy shard: the life of one query',
    text: [
      'Eight workers of RediSearch\u2019s pool run the queries of 20 clients. A query scans the index without the GIL; when it must LOAD document fields, its RPSafeLoader takes the GIL in rpSafeLoaderNext_Accumulate, loads, and lets go.',
      'The worker replies through RedisModule_UnblockClient; the main thread sends the reply in its next event-loop iteration and releases the GIL in beforeSleep, so the next worker can take it.',
    ],
    look: 'The cursor is on the first worker that loads fields holding the GIL: see its stack in Threads, and the GIL lane change hands.',
    scenario: { until: 300, commands: [] },
    at: { kind: 'span', lane: 'workers-', fn: 'rpSafeLoader_Load' },
    zoomMs: 6,
    lanes: ['main', 'gil', 'workers-'],
    panel: 'Threads',
  },
  {
    id: 'command',
    title: `The command: ${WORKERS_0}`,
    text: [
      'At 500 ms redis-cli sends FT.CONFIG SET WORKERS 0. On the main thread, holding the GIL: setWorkThreads \u2192 workersThreadPool_SetNumWorkers \u2192 redisearch_thpool_terminate_when_empty.',
      'It pushes one ADMIN job per thread, each carrying a barrier that lives on main\u2019s stack, and then waits in barrier_wait_and_destroy for every thread to reach it, spinning with usleep, the GIL still held.',
    ],
    look: 'The cursor is where main starts to spin in barrier_wait_and_destroy: its stack in Threads, the orange stretch in its lane.',
    scenario: {},
    at: { kind: 'span', lane: 'main', fn: 'barrier_wait_and_destroy' },
    zoomMs: 4,
    lanes: ['main', 'gil'],
    panel: 'Threads',
  },
  {
    id: 'small-cycle',
    title: 'The cycle closes, with two workers',
    text: [
      'Two workers, two clients. When the command comes, one worker is inside a query that must LOAD. The other takes its ADMIN job and waits at the barrier; main spins at the barrier holding the GIL; the loading worker waits for the GIL in RedisModule_ThreadSafeContextLock.',
      'Main waits for the worker, the worker waits for the GIL, main holds the GIL: a cycle, and nobody can move again.',
    ],
    look: 'The Wait-for graph draws the cycle in red: main \u2192 barrier \u2192 worker \u2192 GIL \u2192 main.',
    scenario: {
      seed: 14,
      until: 600,
      settings: { workers: 2, clients: 2 },
      commands: [{ at: 200, text: WORKERS_0 }],
    },
    at: { kind: 'verdict' },
    zoomMs: 30,
    lanes: ['main', 'gil', 'workers-'],
    panel: 'Wait-for graph',
  },
  {
    id: 'full-load',
    title: 'The same cycle under the regression test\u2019s load',
    text: [
      'Eight workers and 20 clients, as in the reproduction test: seven workers have reached the barrier and one is stuck waiting for the GIL to load fields. The step where the cycle closes is proved, not sampled: the wait-for graph has a cycle.',
    ],
    look: 'The Wait-for graph and the red line at the end of the timeline: every worker but one at pthread_barrier_wait.',
    scenario: {},
    at: { kind: 'verdict' },
    zoomMs: 12,
    lanes: ['main', 'gil', 'workers-'],
    panel: 'Wait-for graph',
  },
  {
    id: 'nothing-answers',
    title: 'Why nothing answers any more',
    text: [
      'Every client command needs the main thread, and main never leaves barrier_wait_and_destroy: PING gets no reply, clients wait for ever, and in a cluster the other shards\u2019 fan-outs to this one time out. In production this lasted about 8 hours, until kill -9.',
    ],
    look: 'The PING lane: from the hang to the kill, every PING times out. The Clients panel: queries pending. This is production’s run (30 Sep 2025), hours of it.',
    scenario: PRODUCTION.scenario,
    at: { kind: 'end' },
    lanes: ['ping', 'redis-cli', 'main'],
    panel: 'Clients',
  },
  {
    id: 'reproduction-test',
    title: 'The reproduction test: 300 s, then a kill and a crash report',
    text: [
      'The test of 21 Oct 2025 ran the same command on a 3-shard cluster, 10 query threads (clients) against the shard\u2019s 8 workers, the load starting at 12:37:51 once the index was loaded. It hung at 12:37:51.010; after its 300 s timeout the framework sent redis-server SIGSEGV, and Redis wrote its crash report: every thread’s stack, INFO and CLIENT LIST.',
      'The stacks in that report are this run’s: main in barrier_wait_and_destroy under setWorkThreads, seven workers at pthread_barrier_wait, one in RedisModule_ThreadSafeContextLock. Nothing of the coordinator is on the way.',
    ],
    look: 'The Redis log: the crash report, line for line as seed 000 quotes it. Evidence at the cursor: CLIENT LIST and INFO as the report prints them.',
    scenario: REPRODUCTION_TEST.scenario,
    at: { kind: 'end' },
    lanes: ['main', 'workers-', 'redis-cli'],
    panel: 'Redis log',
  },
  {
    id: 'sometimes',
    title: 'Why the test failed only sometimes',
    text: [
      'The hang needs a worker to be inside a query that must LOAD at the moment main takes the GIL for the barrier. Whether one is depends on the timing of the queries, so the same test hangs on some runs and not others.',
      'The point of no return is the step from which every sampled future hangs; the Race window panel counts hangs by the moment the command arrives and the load.',
    ],
    look: 'The Point of no return line above the timeline, and the strip over the lanes: green where no sampled future hangs, red where every one does.',
    scenario: {},
    at: { kind: 'pointOfNoReturn' },
    zoomMs: 30,
    lanes: ['workers-'],
    panel: 'Race window',
  },
  {
    id: 'wrong-turns',
    title: 'What the investigation got wrong',
    text: [
      'The incident documents blamed the coordinator: connections shrinking, or responses waiting for the GIL. The cycle needs neither: this run has one shard and no coordinator, and it hangs the same way.',
      'Calling COORDINATOR_TRIGGER first (a seed proposal, the trigger-first variant) changes nothing: the resize still spins holding the GIL. Side by side compares every variant on this scenario.',
    ],
    look: 'Side by side: press Compare; trigger-first and drain-connections hang exactly where prefix does.',
    scenario: { variant: 'trigger-first' },
    at: { kind: 'verdict' },
    zoomMs: 12,
    lanes: ['main', 'workers-'],
    panel: 'Side by side',
  },
  {
    id: 'fixes',
    title: 'Which fixes work, and why',
    text: [
      'The upstream fix (#7410) schedules config_reduce_threads_job: the workers get ADMIN jobs with a barrier on the heap that the last one frees, and main does not wait. It returns, releases the GIL in beforeSleep, and the loading worker finishes.',
      'From then on WORKERS is 0, so queries run on the main thread itself, the GIL held while it works: main\u2019s lane stays green with that work, and the PINGs are still answered.',
      'A residual risk remains in the revive path: a quick 8 \u2192 0 \u2192 8 while old threads still drain can rebuild the cycle through verify_init (the preset "Residual risk in the fix").',
    ],
    look: 'The reply OK in Commands, the workers exiting, and queries still completing in Clients.',
    scenario: { variant: 'fixed' },
    at: { kind: 'end' },
    lanes: ['main', 'redis-cli', 'workers-'],
    panel: 'Commands',
  },
];
