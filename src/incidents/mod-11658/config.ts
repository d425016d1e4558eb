/**
 * A MOD-11658 scenario's settings, their defaults (the upstream regression
 * test: WORKERS 8, 1000 documents, 20 client threads) and their bounds.
 */
import type { LogLevel } from '../../engine/types';
import type { ScheduledCommand } from '../../machines/mod-11658/clients';
import type { BuildId } from './builds';

/** `MAX_WORKER_THREADS (1 << 4)` on 8.x. */
export const MAX_WORKER_THREADS = 16;

export interface Costs {
  /** Main thread: parse and dispatch one command. */
  cmd: number;
  /** Index scan of one query (no GIL). */
  scan: number;
  /** RPSafeLoader: loading document fields with the GIL held. */
  load: number;
  /** Building the reply on a worker. */
  reply: number;
  /** Client <-> server network hop. */
  net: number;
  /** A client's own time between a reply and its next query. */
  think: number;
  /** Round trip to another shard. */
  remote: number;
  /** In-process hand-off (RQ_Push + uv_async_send). */
  local: number;
  /** One search-uv work item. */
  uv: number;
  /** A coord thread's dispatch work. */
  coord: number;
  /** Reducing shard replies. */
  reduce: number;
  threadStart: number;
  /** A worker returning from an ADMIN job to thread_do's loop. */
  admin: number;
  /** New connection set-up (checkTLS / SendAuth, with the GIL). */
  connect: number;
}

export type ClockPreset = 'production' | 'regression-test';

export interface Mod11658Config {
  /** Initial WORKERS. */
  workers: number;
  clients: number;
  /** 1 = standalone (no coordinator); more = OSS cluster of that many shards. */
  shards: number;
  /** Share of queries that LOAD fields (and so need the GIL on a worker). */
  loadFraction: number;
  /** Share of queries that are FT.AGGREGATE (the seeds' test: 1195 of 5817). */
  aggregateFraction: number;
  /** Total queries the clients send; null = until the run ends. */
  queries: number | null;
  /** `search-threads` (coord pool size, immutable). */
  coordThreads: number;
  pingIntervalMs: number;
  /** Run the monitoring PING client (the explorer leaves it out: it never ends). */
  ping: boolean;
  /**
   * How clients pick queries: `random` (seeded, the normal runs) or `spread`
   * (the n-th query loads iff it keeps the share of loading queries at
   * loadFraction): the explorer's, so that no random draw forks its states.
   */
  queryPick: 'random' | 'spread';
  commands: ScheduledCommand[];
  clock: ClockPreset;
  /** The build whose words (log lines, accepted commands) the run uses (`builds.ts`). */
  build: BuildId;
  /** When the load clients send their first query (virtual ms). */
  loadStartMs: number;
  /** The PING monitor's read timeout (virtual ms); null waits forever. */
  pingTimeoutMs: number | null;
  loglevel: LogLevel;
  /** Each cost is drawn uniformly within +-jitter of its value. */
  jitter: number;
  costs: Costs;
  /** A GIL wait longer than this (virtual ms) is reported as starvation (`starved` in the report). */
  starvationMs: number;
  /**
   * Untimed semantics (the explorer's), set from the scenario by
   * createSimulation: the main thread's iterations are then unbounded.
   */
  untimed?: boolean;
}

export const DEFAULT_COSTS: Costs = {
  cmd: 0.01,
  scan: 0.25,
  load: 0.1,
  reply: 0.05,
  net: 0.05,
  think: 5,
  remote: 0.4,
  local: 0.002,
  uv: 0.01,
  coord: 0.02,
  reduce: 0.05,
  threadStart: 0.2,
  admin: 0.005,
  connect: 0.5,
};

export const DEFAULT_CONFIG: Mod11658Config = {
  workers: 8,
  clients: 20,
  shards: 1,
  loadFraction: 1,
  aggregateFraction: 0.2,
  queries: null,
  coordThreads: 20,
  pingIntervalMs: 100,
  ping: true,
  queryPick: 'random',
  commands: [],
  clock: 'regression-test',
  build: 'master',
  loadStartMs: 0,
  pingTimeoutMs: null,
  loglevel: 'verbose',
  jitter: 0.5,
  costs: DEFAULT_COSTS,
  starvationMs: 1000,
};

/** Wall clocks of the incident's two documented runs. */
export interface ClockInfo {
  startUtcMs: number;
  pid: number;
  label: string;
  /** Who sends an operator's `kill` (`Killed by PID: 3650777, UID: 1000` in seed 000's crash report). */
  shell: { pid: number; uid: number };
}

/** Production's pids are not in the documents: the test's stand in for them. */
export const CLOCKS: Record<ClockPreset, ClockInfo> = {
  production: {
    startUtcMs: Date.UTC(2025, 8, 30, 9, 17, 3),
    pid: 3650813,
    label: 'production, 30 Sep 2025',
    shell: { pid: 3650777, uid: 1000 },
  },
  'regression-test': {
    startUtcMs: Date.UTC(2025, 9, 21, 12, 37, 46),
    pid: 3650813,
    label: 'regression test, 21 Oct 2025',
    shell: { pid: 3650777, uid: 1000 },
  },
};

export interface Bound {
  min: number;
  max: number;
  integer: boolean;
}

export const BOUNDS: Record<
  | 'workers'
  | 'clients'
  | 'shards'
  | 'coordThreads'
  | 'loadFraction'
  | 'aggregateFraction'
  | 'queries'
  | 'pingIntervalMs',
  Bound
> = {
  workers: { min: 0, max: MAX_WORKER_THREADS, integer: true },
  clients: { min: 0, max: 500, integer: true },
  shards: { min: 1, max: 16, integer: true },
  coordThreads: { min: 1, max: 64, integer: true },
  loadFraction: { min: 0, max: 1, integer: false },
  aggregateFraction: { min: 0, max: 1, integer: false },
  queries: { min: 0, max: 10_000_000, integer: true },
  pingIntervalMs: { min: 1, max: 60_000, integer: false },
};
