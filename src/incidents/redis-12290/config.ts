/**
 * A Redis #12290 scenario's full configuration: the settings, what the
 * explorer bounds (how many XADDs and XREADGROUPs, whether the group exists
 * from the start), the costs of each piece of work in virtual ms and their
 * jitter, and the wall clock of the log.
 */
import type { LogLevel } from '../../engine/types';
import type { ScheduledCommand } from '../../machines/redis-12290/clients';
import type { Settings } from '../settings';
import { SETTINGS } from './settings';

export interface Costs {
  /** processCommand + call of one command read from a socket. */
  cmd: number;
  /** One `listNext`. */
  listNext: number;
  /** `releaseBlockedEntry` + `unblockClient`. */
  unblock: number;
  /** `processCommandAndResetClient`: XREADGROUP run again (and `blockForKeys`). */
  reprocess: number;
  /** 7.0's per-client check and reply in `serveClientsBlockedOnStreamKey`. */
  serve: number;
  /** One hop over the unix socket. */
  net: number;
  /** A subscriber printing what it read before its next XREADGROUP. */
  client: number;
}

export type ClockPreset = 'issue';

export interface Redis12290Config {
  subscribers: number;
  feederIntervalMs: number;
  blockMs: number;
  sleepMs: number;
  maxlen: number;
  serve: boolean;
  pingIntervalMs: number;
  /** Run the monitoring PING (the explorer leaves it out: it never ends). */
  ping: boolean;
  connectAtMs: number | null;
  clock: ClockPreset;
  loglevel: LogLevel;
  commands: ScheduledCommand[];
  /** When the first subscriber process starts, and the gap between them. */
  subscriberStartMs: number;
  subscriberStaggerMs: number;
  /** XADDs the feeder sends; null = for ever (the script). */
  xadds: number | null;
  /** XREADGROUPs each subscriber sends; null = for ever. */
  reads: number | null;
  /** The stream and group exist at the start (the explorer's: no XGROUP CREATE to interleave). */
  groupAtStart: boolean;
  /** The subscribers and the feeder connect first (false: connected from the start, the explorer's). */
  connect: boolean;
  /** `unixsocket` (the scripts connect with unix_socket_path='cache.sock'). */
  unixsocket: string;
  /** Each cost is drawn uniformly within +-jitter of its value. */
  jitter: number;
  costs: Costs;
}

export const DEFAULT_COSTS: Costs = {
  cmd: 0.01,
  listNext: 0.0001,
  unblock: 0.0003,
  reprocess: 0.002,
  serve: 0.002,
  net: 0.05,
  client: 0.3,
};

export const DEFAULT_CONFIG: Redis12290Config = {
  subscribers: 3,
  feederIntervalMs: 100,
  blockMs: 2000,
  sleepMs: 5000,
  maxlen: 5000,
  serve: true,
  pingIntervalMs: 100,
  ping: true,
  connectAtMs: 1000,
  clock: 'issue',
  loglevel: 'verbose',
  commands: [],
  subscriberStartMs: 250,
  subscriberStaggerMs: 15,
  xadds: null,
  reads: null,
  groupAtStart: false,
  connect: true,
  unixsocket: 'cache.sock',
  jitter: 0.5,
  costs: DEFAULT_COSTS,
};

/** Wall clock of the log: the day the issue was reported (the hour and the pid are not known). */
export const CLOCKS: Record<
  ClockPreset,
  { startUtcMs: number; pid: number; label: string; shell: { pid: number; uid: number } }
> = {
  // Who sends an operator's kill is not known either: a shell of the same user.
  issue: {
    startUtcMs: Date.UTC(2023, 5, 9, 12, 0, 0),
    pid: 1,
    label: 'issue reported, 9 Jun 2023',
    shell: { pid: 2, uid: 1000 },
  },
};

/** The full configuration for a settings record and the scheduled commands. */
export function toConfig(settings: Settings, commands: ScheduledCommand[] = []): Redis12290Config {
  const s = SETTINGS.schema.parse(settings);
  return {
    ...DEFAULT_CONFIG,
    subscribers: s.subscribers as number,
    feederIntervalMs: s.feederIntervalMs as number,
    blockMs: s.blockMs as number,
    sleepMs: s.sleepMs as number,
    maxlen: s.maxlen as number,
    serve: s.serve as boolean,
    pingIntervalMs: s.pingIntervalMs as number,
    connectAtMs: s.connectAtMs as number | null,
    ping: s.ping as boolean,
    xadds: s.xadds as number | null,
    reads: s.reads as number | null,
    groupAtStart: s.groupAtStart as boolean,
    connect: s.connect as boolean,
    clock: s.clock as ClockPreset,
    loglevel: s.loglevel as LogLevel,
    commands,
  };
}
