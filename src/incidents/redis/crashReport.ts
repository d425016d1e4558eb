/**
 * What Redis writes to its log when a signal that it catches ends it
 * (`sigsegvHandler` → `bugReportStart`, `logStackTrace`, `printCrashReport`,
 * `bugReportEnd` in redis `src/debug.c`), built from the simulated threads'
 * call stacks at that moment, for any incident. An incident that can print
 * INFO and CLIENT LIST from its run fills in those sections when the log is
 * printed (MOD-11658's `runLog.ts`). SIGKILL cannot be caught: the log simply
 * ends.
 */
import type { LogLevel } from '../../engine/types';
import type { Signal } from './signals';

export interface CrashLine {
  level: LogLevel;
  message: string;
  raw?: boolean;
  server?: boolean;
}

export interface CrashInput {
  redisVersion: string;
  signal: Signal;
  /** The pid and uid of whoever sent the signal (`si_pid`, `si_uid`). */
  sender: { pid: number; uid: number };
  /** Redis's process title, e.g. `redis-server *:6379 [cluster]`. */
  title: string;
  pid: number;
  /** The threads, main first, each with its stack innermost first. */
  threads: { name: string; frames: string[] }[];
  /** The binary a function is in, when it is neither libc's nor Redis's (a module's), e.g. `redisearch.so`. */
  module?: { binary: string; has: (fn: string) => boolean };
  /** Leave room for INFO and CLIENT LIST (the incident can fill them in from its run). */
  sections?: boolean;
}

export const INFO_HEADER = '------ INFO OUTPUT ------';
export const CLIENT_LIST_HEADER = '------ CLIENT LIST OUTPUT ------';

const LIBC = '/lib/x86_64-linux-gnu/libc.so.6';
const LIBC_FNS = new Set([
  'pthread_barrier_wait',
  'pthread_cond_wait',
  'pthread_mutex_lock',
  'usleep',
  'start_thread',
  'epoll_wait',
]);
const REDIS_FNS = new Set([
  'main',
  'aeMain',
  'aeProcessEvents',
  'aeApiPoll',
  'afterSleep',
  'beforeSleep',
  'processCommand',
  'processInputBuffer',
  'readQueryFromClient',
  'connSocketEventHandler',
  'call',
  'RedisModuleCommandDispatcher',
  'moduleAcquireGIL',
  'RedisModule_ThreadSafeContextLock',
  'RedisModule_UnblockClient',
  'configSetCommand',
  'setModuleNumericConfig',
]);

/** `backtrace_symbols_fd`'s `binary(symbol)`: offsets and addresses are not modelled, so none is printed. */
export function frameLine(fn: string, title: string, module?: CrashInput['module']): string {
  const binary = LIBC_FNS.has(fn) ? LIBC : !REDIS_FNS.has(fn) && module?.has(fn) ? module.binary : title;
  return `${binary}(${fn})`;
}

/** `%p` of `si_addr` for a signal sent by a process: the union puts `si_pid` in the low half, `si_uid` above it. */
export function siAddr(pid: number, uid: number): string {
  return `0x${(BigInt(uid) * 2n ** 32n + BigInt(pid)).toString(16)}`;
}

export function crashReport(r: CrashInput): CrashLine[] {
  if (r.signal.number === 9) return [];
  const raw = (message: string): CrashLine => ({ level: 'warning', message, raw: true });
  const log = (message: string): CrashLine => ({ level: 'warning', message, server: true });
  const out: CrashLine[] = [
    raw(''),
    raw('=== REDIS BUG REPORT START: Cut & paste starting from here ==='),
    // si_code 0 is SI_USER: the signal came from kill(2), not from a fault.
    log(`Redis ${r.redisVersion} crashed by signal: ${r.signal.number}, si_code: 0`),
    log(`Accessing address: ${siAddr(r.sender.pid, r.sender.uid)}`),
    log(`Killed by PID: ${r.sender.pid}, UID: ${r.sender.uid}`),
    raw(''),
    raw('------ STACK TRACE ------'),
  ];
  r.threads.forEach((th, i) => {
    // The thread that runs the handler (main here) is marked with `*`.
    out.push(raw(''), raw(`${r.pid + i} ${th.name.slice(0, 15)}${i === 0 ? ' *' : ''}`));
    for (const f of th.frames) out.push(raw(frameLine(f, r.title, r.module)));
  });
  out.push(
    raw(''),
    raw(`${r.threads.length}/${r.threads.length} expected stacktraces.`),
    raw(''),
    raw('------ STACK TRACE DONE ------'),
    raw(''),
    ...(r.sections ? [raw(INFO_HEADER), raw(''), raw(CLIENT_LIST_HEADER), raw('')] : []),
    raw('=== REDIS BUG REPORT END. Make sure to include from START to END. ==='),
    raw(''),
    raw('       Please report the crash by opening an issue on github:'),
    raw(''),
    raw('           http://github.com/redis/redis/issues'),
    raw(''),
    raw("  If a Redis module was involved, please open in the module's repo instead."),
  );
  return out;
}
