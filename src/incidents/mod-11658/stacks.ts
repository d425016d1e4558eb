/**
 * The main thread's call stack, innermost first, with the real function
 * names, so it can be held against the seeds' crash report
 * (`workersThreadPool_SetNumWorkers` <- `setWorkThreads` <-
 * `RSConfig_SetOption` <- `ConfigCommand` <- `RedisModuleCommandDispatcher`
 * <- `call` <- `processCommand`).
 */
import type { Snapshot } from '../../engine/types';
import type { StateMeta } from '../../engine/types';
import type { MainContext } from '../../machines/mod-11658/plan';

const LOOP = [
  'processInputBuffer',
  'readQueryFromClient',
  'connSocketEventHandler',
  'aeProcessEvents',
  'aeMain',
  'main',
];
const CALL = ['call', 'processCommand', ...LOOP];

const SETTER: Record<'FT.CONFIG' | 'CONFIG', string[]> = {
  'FT.CONFIG': ['setWorkThreads', 'RSConfig_SetOption', 'ConfigCommand', 'RedisModuleCommandDispatcher', ...CALL],
  CONFIG: ['set_workers', 'setModuleNumericConfig', 'configSetCommand', ...CALL],
};

const QUERY_HANDLER: Record<string, string[]> = {
  'FT.SEARCH': ['buildPipelineAndExecute', 'execCommandCommon', 'RSSearchCommand', 'RedisModuleCommandDispatcher'],
  'FT.AGGREGATE': [
    'buildPipelineAndExecute',
    'execCommandCommon',
    'RSAggregateCommand',
    'RedisModuleCommandDispatcher',
  ],
};

/** Frames between the spinning/creating function and workersThreadPool_SetNumWorkers. */
function resizeFrames(state: string, spinFor: MainContext['spinFor']): string[] {
  switch (spinFor) {
    case 'terminate_when_empty':
      return ['redisearch_thpool_broadcast_new_state', 'redisearch_thpool_terminate_when_empty'];
    case 'remove_threads':
      return state === 'spinBarrier'
        ? ['redisearch_thpool_broadcast_new_state', 'redisearch_thpool_remove_threads']
        : ['redisearch_thpool_remove_threads'];
    case 'add_threads':
      return state === 'creatingThreads' ? [] : ['redisearch_thpool_add_threads'];
    default:
      return [];
  }
}

function handler(c: MainContext): string[] {
  const cur = c.current;
  if (!cur) return [];
  if (cur.type === 'UNBLOCKED')
    return ['moduleHandleBlockedClients', 'beforeSleep', 'aeProcessEvents', 'aeMain', 'main'];
  switch (cur.cmd.kind) {
    case 'ping':
      return ['pingCommand', ...CALL];
    case 'configGet':
      return cur.cmd.via === 'CONFIG'
        ? ['configGetCommand', ...CALL]
        : ['ConfigCommand', 'RedisModuleCommandDispatcher', ...CALL];
    case 'configSet':
      return SETTER[cur.cmd.via];
    case 'error':
      return ['processCommand', ...LOOP];
    case 'query': {
      const frames = QUERY_HANDLER[cur.cmd.verb];
      if (c.cluster && !cur.cmd.internal)
        return [
          cur.cmd.verb === 'FT.SEARCH' ? 'DistSearchCommand' : 'DistAggregateCommand',
          'RedisModuleCommandDispatcher',
          ...CALL,
        ];
      return [...frames, ...CALL];
    }
  }
}

export function mainStack(snap: Snapshot, meta: StateMeta): string[] {
  const c = snap.context as MainContext;
  const state = snap.value as string;
  switch (state) {
    case 'sleeping':
    case 'polled':
    case 'acquiringGil':
    case 'awake':
    case 'processed':
    case 'beforeSleep':
      return [meta.fn, ...(meta.stack ?? [])];
    case 'executing':
      return [...handler(c)];
    case 'inlineScan':
    case 'inlineLoad':
      return [meta.fn, ...handler(c)];
    default: {
      // The setter path, or verify_init under redisearch_thpool_add_work.
      const below =
        c.spinFor === 'verify_init'
          ? ['verify_init', 'redisearch_thpool_add_work', 'workersThreadPool_AddWork', ...handler(c)]
          : [...resizeFrames(state, c.spinFor), 'workersThreadPool_SetNumWorkers', ...handler(c)];
      return meta.fn === 'workersThreadPool_SetNumWorkers' ? below : [meta.fn, ...below];
    }
  }
}
