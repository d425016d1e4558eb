/**
 * The commands the main thread runs, as pure functions of the server's data
 * (`t_stream.c`, `multi.c`, `blocked.c` of Redis 7.2-rc2): each returns the
 * new data, the reply it buffers for the client (null when the client
 * blocks), and whether the client blocked, with its BLOCK timeout.
 */
import {
  compareId,
  err,
  nextId,
  NIL,
  OK,
  type CmdEvent,
  type Command,
  type Group,
  type Reply,
  type ServerState,
  type Stream,
} from './model';

export interface Outcome {
  server: ServerState;
  /** Buffered for the client (written in beforeSleep); null when the client blocked. */
  reply: Reply | null;
  /** The client blocked (`blockForKeys`) with this BLOCK (ms, 0 = no timeout). */
  blockedFor: number | null;
}

const bulk = (value: string): Reply => ({ kind: 'bulk', value });
const int = (value: number): Reply => ({ kind: 'integer', value });

/** `signalKeyAsReady`: queue the key once, and only when some client blocks on it. */
export function signalKeyAsReady(s: ServerState, key: string): ServerState {
  if (!s.blocking_keys[key]?.length || s.db_ready_keys.includes(key)) return s;
  return { ...s, ready_keys: [...s.ready_keys, key], db_ready_keys: [...s.db_ready_keys, key] };
}

/** `listAddNodeTail(db->blocking_keys[key], c)` and `CLIENT_PENDING_COMMAND`. */
export function blockForKeys(s: ServerState, key: string, ev: CmdEvent): ServerState {
  return {
    ...s,
    blocking_keys: { ...s.blocking_keys, [key]: [...(s.blocking_keys[key] ?? []), ev.client] },
    blocked: { ...s.blocked, [ev.client]: ev },
  };
}

/** `releaseBlockedEntry` + `unblockClient`: the client leaves the list (the list goes when empty). */
export function unblockClient(s: ServerState, key: string, client: string): ServerState {
  const list = (s.blocking_keys[key] ?? []).filter((c) => c !== client);
  const blocking_keys = { ...s.blocking_keys };
  if (list.length) blocking_keys[key] = list;
  else delete blocking_keys[key];
  const blocked = { ...s.blocked };
  delete blocked[client];
  return { ...s, blocking_keys, blocked };
}

function withStream(s: ServerState, key: string, stream: Stream): ServerState {
  return { ...s, streams: { ...s.streams, [key]: stream } };
}

function xadd(s: ServerState, ev: CmdEvent, cmd: Extract<Command, { kind: 'xadd' }>): Outcome {
  const old = s.streams[cmd.key];
  const stream: Stream = old ?? { length: 0, last_id: '0-0', entries_added: 0, undelivered: [], groups: {} };
  const id = nextId(stream.last_id, ev.ms);
  let length = stream.length + 1;
  let undelivered = Object.keys(stream.groups).length
    ? [...stream.undelivered, { id, fields: cmd.fields }]
    : stream.undelivered;
  // MAXLEN n (exact): the oldest entries go first.
  if (cmd.maxlen !== null && length > cmd.maxlen) {
    length = cmd.maxlen;
    if (undelivered.length > length) undelivered = undelivered.slice(undelivered.length - length);
  }
  const next = withStream(s, cmd.key, {
    ...stream,
    length,
    last_id: id,
    entries_added: stream.entries_added + 1,
    undelivered,
  });
  return { server: signalKeyAsReady(next, cmd.key), reply: bulk(id), blockedFor: null };
}

function xgroupCreate(s: ServerState, cmd: Extract<Command, { kind: 'xgroupCreate' }>): Outcome {
  const stream = s.streams[cmd.key];
  if (!stream && !cmd.mkstream) {
    return {
      server: s,
      reply: err(
        'ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.',
      ),
      blockedFor: null,
    };
  }
  const st: Stream = stream ?? { length: 0, last_id: '0-0', entries_added: 0, undelivered: [], groups: {} };
  if (st.groups[cmd.group]) {
    return { server: s, reply: err('BUSYGROUP Consumer Group name already exists'), blockedFor: null };
  }
  // `$`: the group starts at the stream's last id.
  const group: Group = { last_id: st.last_id, entries_read: -1, pending: 0, consumers: {} };
  return {
    server: withStream(s, cmd.key, { ...st, groups: { ...st.groups, [cmd.group]: group } }),
    reply: OK,
    blockedFor: null,
  };
}

/** XREADGROUP ... STREAMS key `>`: serve synchronously if the group has something new, else block. */
export function xreadgroup(
  s: ServerState,
  ev: CmdEvent,
  cmd: Extract<Command, { kind: 'xreadgroup' }>,
  denyBlocking: boolean,
): Outcome {
  const stream = s.streams[cmd.key];
  const group = stream?.groups[cmd.group];
  if (!stream || !group) {
    return {
      server: s,
      reply: err(`NOGROUP No such key '${cmd.key}' or consumer group '${cmd.group}' in XREADGROUP with GROUP option`),
      blockedFor: null,
    };
  }
  // streamCreateConsumer comes before the serve-or-block decision.
  const consumers = cmd.consumer in group.consumers ? group.consumers : { ...group.consumers, [cmd.consumer]: 0 };
  const fresh = stream.undelivered.filter((e) => compareId(e.id, group.last_id) > 0);
  if (stream.length && compareId(stream.last_id, group.last_id) > 0 && fresh.length) {
    const served = cmd.count > 0 ? fresh.slice(0, cmd.count) : fresh;
    const last = served[served.length - 1].id;
    const groups = {
      ...stream.groups,
      [cmd.group]: {
        last_id: last,
        entries_read: stream.entries_added - (fresh.length - served.length),
        pending: group.pending + served.length,
        consumers: { ...consumers, [cmd.consumer]: consumers[cmd.consumer] + served.length },
      },
    };
    const low = Object.values(groups).reduce((m, g) => (compareId(g.last_id, m) < 0 ? g.last_id : m), last);
    const undelivered = stream.undelivered.filter((e) => compareId(e.id, low) > 0);
    const reply: Reply = {
      kind: 'array',
      items: [
        {
          kind: 'array',
          items: [
            bulk(cmd.key),
            {
              kind: 'array',
              items: served.map((e) => ({
                kind: 'array',
                items: [bulk(e.id), { kind: 'array', items: e.fields.map(bulk) }],
              })),
            },
          ],
        },
      ],
    };
    return { server: withStream(s, cmd.key, { ...stream, groups, undelivered }), reply, blockedFor: null };
  }
  const server = withStream(s, cmd.key, {
    ...stream,
    groups: { ...stream.groups, [cmd.group]: { ...group, consumers } },
  });
  // Inside EXEC (CLIENT_DENY_BLOCKING), or without BLOCK: a null reply, as on a timeout.
  if (cmd.block === null || denyBlocking) return { server, reply: NIL, blockedFor: null };
  return { server: blockForKeys(server, cmd.key, ev), reply: null, blockedFor: cmd.block };
}

function xinfoGroups(s: ServerState, key: string): Reply {
  const stream = s.streams[key];
  if (!stream) return err('ERR no such key');
  return {
    kind: 'array',
    items: Object.entries(stream.groups).map(([name, g]) => {
      const lag = g.entries_read >= 0 ? stream.entries_added - g.entries_read : stream.undelivered.length;
      return {
        kind: 'array',
        items: [
          bulk('name'),
          bulk(name),
          bulk('consumers'),
          int(Object.keys(g.consumers).length),
          bulk('pending'),
          int(g.pending),
          bulk('last-delivered-id'),
          bulk(g.last_id),
          bulk('entries-read'),
          g.entries_read >= 0 ? int(g.entries_read) : NIL,
          bulk('lag'),
          int(lag),
        ],
      };
    }),
  };
}

/** One command outside MULTI (or one of EXEC's, with `denyBlocking`). */
export function call(s: ServerState, ev: CmdEvent, cmd: Command, denyBlocking: boolean): Outcome {
  const done = (reply: Reply, server = s): Outcome => ({ server, reply, blockedFor: null });
  switch (cmd.kind) {
    case 'ping':
      return done(cmd.message === null ? { kind: 'status', value: 'PONG' } : bulk(cmd.message));
    case 'xadd':
      return xadd(s, ev, cmd);
    case 'xgroupCreate':
      return xgroupCreate(s, cmd);
    case 'xreadgroup':
      return xreadgroup(s, ev, cmd, denyBlocking);
    case 'xlen':
      return done(int(s.streams[cmd.key]?.length ?? 0));
    case 'xinfoGroups':
      return done(xinfoGroups(s, cmd.key));
    case 'error':
      return done(cmd.reply);
    case 'multi':
      return done(err('ERR MULTI calls can not be nested'));
    case 'exec':
      return done(err('ERR EXEC without MULTI'));
  }
}

/**
 * `processCommand` for one client: MULTI queues, EXEC runs the queue with
 * blocking denied, anything else runs now.
 */
export function processCommand(s: ServerState, ev: CmdEvent): Outcome {
  const queue = s.multi[ev.client];
  const cmd = ev.cmd;
  if (queue === undefined) {
    if (cmd.kind === 'multi')
      return { server: { ...s, multi: { ...s.multi, [ev.client]: [] } }, reply: OK, blockedFor: null };
    return call(s, ev, cmd, false);
  }
  if (cmd.kind === 'multi') return { server: s, reply: err('ERR MULTI calls can not be nested'), blockedFor: null };
  if (cmd.kind === 'error') return { server: s, reply: cmd.reply, blockedFor: null };
  if (cmd.kind !== 'exec') {
    return {
      server: { ...s, multi: { ...s.multi, [ev.client]: [...queue, ev] } },
      reply: { kind: 'status', value: 'QUEUED' },
      blockedFor: null,
    };
  }
  const multi = { ...s.multi };
  delete multi[ev.client];
  let server: ServerState = { ...s, multi };
  const items: Reply[] = [];
  for (const queued of queue) {
    const out = call(server, queued, queued.cmd, true);
    server = out.server;
    items.push(out.reply ?? NIL);
  }
  return { server, reply: { kind: 'array', items }, blockedFor: null };
}
