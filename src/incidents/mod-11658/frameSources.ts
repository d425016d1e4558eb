/**
 * Where each frame of MOD-11658's simulated stacks is defined, at the commit
 * the variant models: RediSearch master dede3e11de (the pool as 2.10.20 had
 * it) or 874ce6826d (the fix, #7410), and Redis 7.4.0 (the server RediSearch
 * 2.10 runs in). Read off the sources with `git grep`; libc, libuv and the
 * test clients have no entry.
 */
import type { FrameSource } from '../module';

type Frames = Readonly<Record<string, string>>;

const PRE = 'dede3e11de53450b7df34ee1bdaa0d41567fdd51';
const FIX = '874ce6826d1ea0ba59f281aa7b60b738ad49794b';

const AT_PRE: Frames = {
  rpLoader_loadDocument: 'src/result_processor.c:672',
  rploaderNext: 'src/result_processor.c:691',
  AREQ_Execute: 'src/aggregate/aggregate_exec.c:806',
  AREQ_Execute_Callback: 'src/aggregate/aggregate_exec.c:841',
  ConfigCommand: 'src/module.c:1054',
  DistAggregateCommand: 'src/module.c:3255',
  DistSearchCommand: 'src/module.c:3664',
  DistSearchCommandHandler: 'src/module.c:3636',
  FlatSearchCommandHandler: 'src/module.c:3605',
  MRChannel_Pop: 'src/coord/rmr/chan.c:89',
  MRIterator_Next: 'src/coord/rmr/rmr.c:753',
  RSAggregateCommand: 'src/aggregate/aggregate_exec.c:1141',
  RSConfig_SetOption: 'src/config.c:1621',
  RSExecDistAggregate: 'src/coord/dist_aggregate.c:377',
  RSSearchCommand: 'src/aggregate/aggregate_exec.c:1145',
  admin_job_change_state: 'deps/thpool/thpool.c:986',
  barrier_wait: 'deps/thpool/barrier.c:19',
  barrier_wait_and_destroy: 'deps/thpool/barrier.c:25',
  buildPipelineAndExecute: 'src/aggregate/aggregate_exec.c:1052',
  execCommandCommon: 'src/aggregate/aggregate_exec.c:1098',
  getNextReply: 'src/coord/rpnet.c:77',
  priority_queue_pull: 'deps/thpool/thpool.c:881',
  pthread_barrier_wait: 'deps/thpool/barrier.c:50',
  redisearch_thpool_add_work: 'deps/thpool/thpool.c:382',
  redisearch_thpool_broadcast_new_state: 'deps/thpool/thpool.c:185',
  redisearch_thpool_terminate_when_empty: 'deps/thpool/thpool.c:510',
  rpSafeLoaderNext_Accumulate: 'src/result_processor.c:895',
  rpSafeLoader_Load: 'src/result_processor.c:868',
  rpnetNext: 'src/coord/rpnet.c:236',
  rqAsyncCb: 'src/coord/rmr/io_runtime_ctx.c:41',
  sendChunk: 'src/aggregate/aggregate_exec.c:664',
  setWorkThreads: 'src/config.c:409',
  sideThread: 'src/coord/rmr/io_runtime_ctx.c:132',
  thread_do: 'deps/thpool/thpool.c:632',
  thread_init: 'deps/thpool/thpool.c:617',
  verify_init: 'deps/thpool/thpool.c:221',
  workersThreadPool_AddWork: 'src/util/workers.c:122',
  workersThreadPool_SetNumWorkers: 'src/util/workers.c:77',
};

const AT_FIX: Frames = {
  rpLoader_loadDocument: 'src/result_processor.c:672',
  rploaderNext: 'src/result_processor.c:691',
  AREQ_Execute: 'src/aggregate/aggregate_exec.c:806',
  AREQ_Execute_Callback: 'src/aggregate/aggregate_exec.c:841',
  ConfigCommand: 'src/module.c:1054',
  DistAggregateCommand: 'src/module.c:3255',
  DistSearchCommand: 'src/module.c:3664',
  DistSearchCommandHandler: 'src/module.c:3636',
  FlatSearchCommandHandler: 'src/module.c:3605',
  MRChannel_Pop: 'src/coord/rmr/chan.c:89',
  MRIterator_Next: 'src/coord/rmr/rmr.c:753',
  RSAggregateCommand: 'src/aggregate/aggregate_exec.c:1141',
  RSConfig_SetOption: 'src/config.c:1623',
  RSExecDistAggregate: 'src/coord/dist_aggregate.c:377',
  RSSearchCommand: 'src/aggregate/aggregate_exec.c:1145',
  admin_job_change_state: 'deps/thpool/thpool.c:994',
  barrier_wait: 'deps/thpool/barrier.c:19',
  barrier_wait_and_destroy: 'deps/thpool/barrier.c:25',
  buildPipelineAndExecute: 'src/aggregate/aggregate_exec.c:1052',
  execCommandCommon: 'src/aggregate/aggregate_exec.c:1098',
  getNextReply: 'src/coord/rpnet.c:77',
  priority_queue_pull: 'deps/thpool/thpool.c:889',
  pthread_barrier_wait: 'deps/thpool/barrier.c:50',
  redisearch_thpool_add_work: 'deps/thpool/thpool.c:357',
  redisearch_thpool_broadcast_new_state: 'deps/thpool/thpool.c:191',
  rpSafeLoaderNext_Accumulate: 'src/result_processor.c:895',
  rpSafeLoader_Load: 'src/result_processor.c:868',
  rpnetNext: 'src/coord/rpnet.c:236',
  rqAsyncCb: 'src/coord/rmr/io_runtime_ctx.c:41',
  sendChunk: 'src/aggregate/aggregate_exec.c:664',
  setWorkThreads: 'src/config.c:409',
  sideThread: 'src/coord/rmr/io_runtime_ctx.c:132',
  thread_do: 'deps/thpool/thpool.c:632',
  thread_init: 'deps/thpool/thpool.c:613',
  verify_init: 'deps/thpool/thpool.c:227',
  workersThreadPool_AddWork: 'src/util/workers.c:122',
  workersThreadPool_SetNumWorkers: 'src/util/workers.c:77',
};

const REDIS_7_4_0: Frames = {
  RedisModuleCommandDispatcher: 'src/module.c:910',
  RedisModule_ThreadSafeContextLock: 'src/module.c:8587',
  RedisModule_UnblockClient: 'src/module.c:8262',
  aeApiPoll: 'src/ae_epoll.c:88',
  aeMain: 'src/ae.c:474',
  aeProcessEvents: 'src/ae.c:342',
  afterSleep: 'src/server.c:1808',
  beforeSleep: 'src/server.c:1637',
  call: 'src/server.c:3524',
  connSocketEventHandler: 'src/socket.c:236',
  main: 'src/server.c:6917',
  moduleAcquireGIL: 'src/module.c:8630',
  moduleHandleBlockedClients: 'src/module.c:8311',
  pingCommand: 'src/server.c:4596',
  processCommand: 'src/server.c:3884',
  processInputBuffer: 'src/networking.c:2559',
  readQueryFromClient: 'src/networking.c:2655',
  redisGetReply: 'deps/hiredis/hiredis.c:1063',
};

const link = (repo: string, rev: string, label: string, loc: string): FrameSource => {
  const [path, line] = loc.split(':');
  return { url: `https://github.com/${repo}/blob/${rev}/${path}#L${line}`, label: `${label} ${path}:${line}` };
};

export function frameSource(frame: string, variant: string): FrameSource | null {
  const [table, rev, label] =
    variant === 'fixed' ? [AT_FIX, FIX, 'RediSearch 874ce6826d'] : [AT_PRE, PRE, 'RediSearch dede3e11de'];
  if (table[frame]) return link('RediSearch/RediSearch', rev, label, table[frame]);
  if (REDIS_7_4_0[frame]) return link('redis/redis', '7.4.0', 'Redis 7.4.0', REDIS_7_4_0[frame]);
  return null;
}
