/**
 * The main thread's call stack, innermost first, with Redis's function
 * names: the command handler under `call` -> `processCommand`, or the walk
 * (`listNext` / `unblockClientOnKey` / `xreadCommand` under
 * `handleClientsBlockedOnKey` <- `handleClientsBlockedOnKeys` <-
 * `processCommand`) down to `aeMain` <- `main`.
 */
import type { Snapshot, StateMeta } from '../../engine/types';
import { PROCESS, type MainContext } from '../../machines/redis-12290/main';
import type { Command } from '../../machines/redis-12290/model';

const HANDLER: Record<Command['kind'], string> = {
  ping: 'pingCommand',
  xadd: 'xaddCommand',
  xreadgroup: 'xreadCommand',
  xgroupCreate: 'xgroupCommand',
  xlen: 'xlenCommand',
  xinfoGroups: 'xinfoCommand',
  multi: 'multiCommand',
  exec: 'execCommand',
  error: 'processCommand',
};

export function mainStack(snap: Snapshot, meta: StateMeta): string[] {
  const c = snap.context as MainContext;
  if (snap.value === 'call' && c.current) {
    const cmd = c.current.cmd;
    if (cmd.kind === 'error') return PROCESS;
    const queued = c.server.multi[c.current.client] !== undefined && cmd.kind !== 'exec' && cmd.kind !== 'multi';
    if (queued) return ['queueMultiCommand', ...PROCESS];
    return [HANDLER[cmd.kind], 'call', ...PROCESS];
  }
  return [meta.fn, ...(meta.stack ?? [])];
}
