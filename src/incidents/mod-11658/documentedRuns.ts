/**
 * The two runs the incident documents describe, as presets: production on
 * 30 Sep 2025 and the reproduction test on 21 Oct 2025. Each carries what
 * the documents say of it and where they disagree; what the run then shows
 * (the log, the hang, the kill, the crash report) comes from simulating it.
 * A seed that hangs is chosen: the test failed only sometimes (claims: the
 * fail rate), so another seed may well not hang.
 */
import type { Preset } from '../module';

const WORKERS_0 = 'FT.CONFIG SET WORKERS 0';
/** Both documented runs' server pid (seed 000's log): the monitor and the kill name it. */
const PID = 3650813;

/** 09:17:03.726 to about 17:00 (seed 000's timeline), from the clock's 09:17:03.000. */
const PRODUCTION_KILL_MS = (((17 - 9) * 60 - 17) * 60 - 3) * 1000;

export const PRODUCTION: Preset = {
  id: 'production-2025-09-30',
  title: 'Production, 30 Sep 2025: RediSearch 2.10.20, 2 shards, WORKERS 8 → 0, hung about 8 hours until kill -9',
  about:
    'Redis Enterprise Cloud, database 13338213, 2 shards, RediSearch 2.10.20 (seed 001). Seed 000: WORKERS 8, ' +
    '`FT.CONFIG SET WORKERS 0` at 09:17:03, no answer until a manual kill -9 at about 17:00. The monitor PINGs ' +
    'every 4 s and gives up after 1 s, as the clients did ("TimeoutError: Timeout reading from 192.168.0.12:3333"). ' +
    "Production's data and query mix are not in the documents: the load is the test's.",
  disagreements: [
    'WORKERS: seed 000 says 8 → 0; seed 001 says the module was loaded with `WORKERS 6` and that when WORKERS changed is unknown. ' +
      'This run follows seed 000; set Initial WORKERS to 6 to try the other.',
    'The last log line: seed 000 quotes `09:17:03.726 # <search> FT.CONFIG is deprecated…`, seed 001 ' +
      '`09:29:21.310 * <search> Successfully changed configuration for WORKERS`. 2.10.20 prints neither before this hang: ' +
      'the deprecation warning exists only on 8.x, and "Successfully changed…" only after the setter returns ' +
      '(incident model §6, §8.3). This run’s log stops at start-up.',
    'The time: seed 000 puts the command at 09:17:03; seed 001 dates the incident 09:29:21 UTC.',
    'The Redis version: seed 001 gives both 7.28.0-39 (the Enterprise release) and 7.4.3.',
    'Seed 001 says the process kept "receiving timeseries cluster set commands every ~4 seconds". A main thread stuck in ' +
      'barrier_wait_and_destroy reads no command at all: the PING lane shows every PING going unanswered.',
  ],
  scenario: {
    variant: 'prefix',
    seed: 1,
    until: PRODUCTION_KILL_MS + 1000,
    settings: {
      shards: 2,
      clock: 'production',
      build: '2.10.20',
      pingIntervalMs: 4000,
      pingTimeoutMs: 1000,
    },
    commands: [
      { at: 726, text: WORKERS_0 },
      { at: PRODUCTION_KILL_MS, text: `kill -9 ${PID}` },
    ],
  },
};

/** The framework's kill at 12:42:47.252 (seed 000's crash report), from the clock's 12:37:46.000. */
const TEST_KILL_MS = 301_252;

export const REPRODUCTION_TEST: Preset = {
  id: 'reproduction-test-2025-10-21',
  title:
    'Reproduction test, 21 Oct 2025: 3-shard OSS cluster, WORKERS 8 → 0, 300 s timeout, then the kill and the crash report',
  about:
    '`test_MOD_11658_workers_reduction_under_load` on a local OSS cluster of 3 shards, RediSearch master before 23 Oct 2025 ' +
    '(seed 000): WORKERS 8, an index of 1000 documents loaded from 12:37:46, 10 query threads from 12:37:51, ' +
    '`FT.CONFIG SET WORKERS 0` at 12:37:51.010. The test gives up after 300 s and the framework sends redis-server SIGSEGV, ' +
    'so Redis writes its crash report. The documents are not simulated: a query’s cost stands for them.',
  disagreements: [
    'Query threads: seed 000 says 10; seed 002 raised them to 100 ("Was 50, now 100"). Set Clients to 100 to try it.',
    'The date: seed 001 reports its test run on 22 Oct 2025 (10:55:15 to 11:00:10), seed 000 on 21 Oct (12:37:51 to 12:42:47).',
    'Seed 000 calls 12:42:47 a "Redis Crash/Hang". `si_code: 0` and `Killed by PID: 3650777` say another process sent the ' +
      'signal; it was no fault. Its "Accessing address: 0x3e80037b4d9" is that sender’s UID and PID (1000, 3650777) read as an address.',
    'Seed 000 blames MRConnManager_Shrink; the stack trace it quotes, like this run’s crash report, has main in ' +
      'barrier_wait_and_destroy, before COORDINATOR_TRIGGER could run (see Claims on trial).',
  ],
  scenario: {
    variant: 'prefix',
    seed: 3,
    until: TEST_KILL_MS + 1000,
    settings: {
      shards: 3,
      clients: 10,
      build: 'master-2025-10-21',
      loadStartMs: 5000,
      pingIntervalMs: 1000,
      pingTimeoutMs: 1000,
    },
    commands: [
      { at: 5010, text: WORKERS_0 },
      { at: TEST_KILL_MS, text: `kill -11 ${PID}` },
    ],
  },
};
