/**
 * Where each frame of #12290's simulated stacks is defined in Redis, at the
 * tag each variant models (7.2-rc2, 7.2-rc3, 7.0.11). Read off the sources
 * with `git grep`; libc and the Python clients have no entry.
 */
import type { FrameSource } from '../module';

type Frames = Readonly<Record<string, string>>;

const RC2: Frames = {
  aeApiPoll: 'src/ae_epoll.c:109',
  aeMain: 'src/ae.c:493',
  aeProcessEvents: 'src/ae.c:361',
  call: 'src/server.c:3493',
  cliConnect: 'src/redis-cli.c:1654',
  connSocketEventHandler: 'src/socket.c:256',
  connUnixEventHandler: 'src/unix.c:38',
  handleClientsBlockedOnKey: 'src/blocked.c:555',
  handleClientsBlockedOnKeys: 'src/blocked.c:315',
  listNext: 'src/adlist.c:255',
  main: 'src/server.c:7046',
  pingCommand: 'src/server.c:4519',
  processCommand: 'src/server.c:3835',
  processCommandAndResetClient: 'src/networking.c:2445',
  processInputBuffer: 'src/networking.c:2503',
  readQueryFromClient: 'src/networking.c:2599',
  redisGetReply: 'deps/hiredis/hiredis.c:1032',
  releaseBlockedEntry: 'src/blocked.c:509',
  unblockClientOnKey: 'src/blocked.c:630',
  xaddCommand: 'src/t_stream.c:1997',
  xgroupCommand: 'src/t_stream.c:2573',
  xreadCommand: 'src/t_stream.c:2173',
};

const RC3: Frames = {
  aeApiPoll: 'src/ae_epoll.c:109',
  aeMain: 'src/ae.c:493',
  aeProcessEvents: 'src/ae.c:361',
  call: 'src/server.c:3475',
  cliConnect: 'src/redis-cli.c:1654',
  connSocketEventHandler: 'src/socket.c:257',
  connUnixEventHandler: 'src/unix.c:38',
  handleClientsBlockedOnKey: 'src/blocked.c:558',
  handleClientsBlockedOnKeys: 'src/blocked.c:315',
  listNext: 'src/adlist.c:255',
  main: 'src/server.c:7036',
  pingCommand: 'src/server.c:4511',
  processCommand: 'src/server.c:3827',
  processCommandAndResetClient: 'src/networking.c:2462',
  processInputBuffer: 'src/networking.c:2520',
  readQueryFromClient: 'src/networking.c:2616',
  redisGetReply: 'deps/hiredis/hiredis.c:1063',
  releaseBlockedEntry: 'src/blocked.c:512',
  unblockClientOnKey: 'src/blocked.c:636',
  xaddCommand: 'src/t_stream.c:1997',
  xgroupCommand: 'src/t_stream.c:2574',
  xreadCommand: 'src/t_stream.c:2173',
};

const V7_0_11: Frames = {
  aeApiPoll: 'src/ae_epoll.c:109',
  aeMain: 'src/ae.c:493',
  aeProcessEvents: 'src/ae.c:357',
  call: 'src/server.c:3346',
  cliConnect: 'src/redis-cli.c:1086',
  connSocketEventHandler: 'src/connection.c:269',
  handleClientsBlockedOnKeys: 'src/blocked.c:621',
  listNext: 'src/adlist.c:230',
  main: 'src/server.c:6853',
  pingCommand: 'src/server.c:4359',
  processCommand: 'src/server.c:3678',
  processCommandAndResetClient: 'src/networking.c:2469',
  processInputBuffer: 'src/networking.c:2523',
  readQueryFromClient: 'src/networking.c:2619',
  redisGetReply: 'deps/hiredis/hiredis.c:1032',
  xaddCommand: 'src/t_stream.c:1993',
  xgroupCommand: 'src/t_stream.c:2577',
  xreadCommand: 'src/t_stream.c:2167',
};

const TAGS: Record<string, [string, Frames]> = {
  '7.2-rc2': ['7.2-rc2', RC2],
  '7.2-rc3': ['7.2-rc3', RC3],
  '7.0': ['7.0.11', V7_0_11],
};

export function frameSource(frame: string, variant: string): FrameSource | null {
  const [tag, table] = TAGS[variant] ?? TAGS['7.2-rc2'];
  const loc = table[frame];
  if (!loc) return null;
  const [path, line] = loc.split(':');
  return { url: `https://github.com/redis/redis/blob/${tag}/${path}#L${line}`, label: `Redis ${tag} ${path}:${line}` };
}
