/**
 * Redis #12290 as an engine incident: the main thread (the event loop and
 * its data), the subscribers, the feeder, the monitoring PING, a new client
 * and redis-cli. This module wires them together: who exists at start, the
 * beforeSleep the event loop offers, the timeout table, how requests become
 * commands on the wire, the call stacks and the words.
 */
import type { Incident, MachineKind, Move, Snapshot, WaitEdge, WorldView } from '../../engine/types';
import {
  feederMachine,
  newClientMachine,
  operatorMachine,
  pingMachine,
  subscriberMachine,
} from '../../machines/redis-12290/clients';
import { createMainMachine, type MainContext } from '../../machines/redis-12290/main';
import { EMPTY_SERVER, type CmdEvent, type ServerState } from '../../machines/redis-12290/model';
import { parseCommand } from './commands';
import { parseKill } from '../redis/signals';
import { killProcess } from '../redis/kill';

/** `REDIS_VERSION` in src/version.h at each variant's tag (a release candidate says 7.1.24x). */
const REDIS_VERSION: Record<string, string> = { '7.2-rc2': '7.1.241', '7.2-rc3': '7.1.242', '7.0': '7.0.11' };
import { CLOCKS, type Redis12290Config } from './config';
import { mainStack } from './stacks';
import { VARIANTS, VARIANT_INFO } from './variants';

export interface Redis12290Shared {
  /** Commands each client has sent so far (their ids: the n-th of a client is `<client>#<n>`). */
  sent: Record<string, number>;
  /**
   * `server.clients_timeout_table`: client -> BLOCK deadline (virtual ms).
   * Deadlines are times, which a world's identity leaves out: a Map is not
   * part of the state hash, as timer times are not.
   */
  timeouts: Map<string, number>;
}

const kindsCache = new Map<string, Record<string, MachineKind>>();

function machineKinds(variant: string): Record<string, MachineKind> {
  let kinds = kindsCache.get(variant);
  if (!kinds) {
    kinds = {
      main: { machine: createMainMachine(VARIANTS[variant]), role: 'thread' },
      subscriber: { machine: subscriberMachine, role: 'thread' },
      feeder: { machine: feederMachine, role: 'thread' },
      ping: { machine: pingMachine, role: 'thread' },
      newclient: { machine: newClientMachine, role: 'thread' },
      operator: { machine: operatorMachine, role: 'thread' },
    };
    kindsCache.set(variant, kinds);
  }
  return kinds;
}

/** The server at start: empty, or (for the explorer) after the first XGROUP CREATE ... MKSTREAM. */
function initialServer(c: Redis12290Config): ServerState {
  if (!c.groupAtStart) return EMPTY_SERVER;
  return {
    ...EMPTY_SERVER,
    streams: {
      tasks_queue: {
        length: 0,
        last_id: '0-0',
        entries_added: 0,
        undelivered: [],
        groups: { test: { last_id: '0-0', entries_read: -1, pending: 0, consumers: {} } },
      },
    },
  };
}

const FOREVER = Number.MAX_SAFE_INTEGER;

function initialActors(c: Redis12290Config) {
  return [
    { id: 'main', kind: 'main', input: { server: initialServer(c), unixsocket: c.unixsocket } },
    ...Array.from({ length: c.subscribers }, (_, i) => ({
      id: `subscriber-${i}`,
      kind: 'subscriber',
      input: {
        id: `subscriber-${i}`,
        consumer: `testuser-${i}`,
        startMs: c.subscriberStartMs + i * c.subscriberStaggerMs,
        block: c.blockMs,
        sleepMs: c.sleepMs,
        reads: c.reads ?? FOREVER,
        createGroup: !c.groupAtStart,
        connected: !c.connect,
      },
    })),
    {
      id: 'feeder',
      kind: 'feeder',
      input: {
        id: 'feeder',
        intervalMs: c.feederIntervalMs,
        maxlen: c.maxlen,
        serve: c.serve,
        xadds: c.xadds ?? FOREVER,
        connected: !c.connect,
      },
    },
    ...(c.ping ? [{ id: 'ping', kind: 'ping', input: { id: 'ping', interval: c.pingIntervalMs } }] : []),
    ...(c.connectAtMs !== null
      ? [{ id: 'newclient', kind: 'newclient', input: { id: 'newclient', at: c.connectAtMs } }]
      : []),
    { id: 'redis-cli', kind: 'operator', input: { id: 'redis-cli', commands: c.commands } },
  ];
}

const mainCtx = (w: WorldView<Redis12290Shared>) => w.snapshot('main')!.context as MainContext;

/** Blocked clients whose BLOCK deadline has passed, in the timeout table's order. */
function expired(w: WorldView<Redis12290Shared>): string[] {
  const blocked = mainCtx(w).server.blocked;
  return [...w.shared.timeouts.entries()]
    .filter(([client, at]) => at <= w.t && blocked[client])
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .map(([client]) => client);
}

/** beforeSleep, once aeProcessEvents has handled what had arrived. */
function offers(w: WorldView<Redis12290Shared>, push: (m: Move) => void): void {
  if (w.snapshot('main')!.value !== 'awake') return;
  const head = w.mailbox('main')[0];
  if (head && head.at <= w.t) return;
  push({
    key: 'main:BEFORE_SLEEP',
    actor: 'main',
    event: { type: 'BEFORE_SLEEP', expired: expired(w) },
    at: w.t,
    source: 'offer',
  });
}

/** Clients waiting for main: for a reply, or for their connection to be accepted. */
function waitFor(w: WorldView<Redis12290Shared>): WaitEdge[] {
  const edges: WaitEdge[] = [];
  for (const a of w.actors()) {
    if (a.id === 'main') continue;
    const meta = w.meta(a.id);
    if (meta?.inbox && a.id !== 'redis-cli') edges.push({ from: a.id, to: 'main', kind: 'awaits reply' });
  }
  return edges;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** A subscriber's letter in section 10.3's trace (subscriber-0 is A). */
export function letterOf(client: string): string {
  const m = /^subscriber-(\d+)$/.exec(client);
  return m && Number(m[1]) < LETTERS.length ? LETTERS[Number(m[1])] : client;
}

function explainLoop(_actors: readonly string[], w: WorldView<Redis12290Shared>): string {
  const c = mainCtx(w);
  const key = c.walk?.key ?? 'tasks_queue';
  const list = (c.server.blocking_keys[key] ?? []).map(letterOf);
  const group = c.reprocessing?.cmd.kind === 'xreadgroup' ? c.reprocessing.cmd.group : 'test';
  const lastId = c.server.streams[key]?.groups[group]?.last_id ?? '0-0';
  return (
    `main is stuck in handleClientsBlockedOnKey: each client it unblocks re-runs XREADGROUP, finds nothing newer than ` +
    `group ${group}'s last_id ${lastId}, and blockForKeys appends it again at the tail of blocking_keys[${key}] ` +
    `(now [${list.join(', ')}]), so the next node listNext saved is always one it re-appended; the event loop never ` +
    `gets back to beforeSleep or epoll_wait, so no reply is written, no connection is accepted and no BLOCK times out.`
  );
}

function explain(cycle: readonly string[]): string {
  const parts = cycle.map((id, i) => `${id} waits for ${cycle[(i + 1) % cycle.length]}`);
  return `${parts.join(', ')}: a wait-for cycle that no thread can break.`;
}

function stack(w: WorldView<Redis12290Shared>, actor: string): string[] {
  const meta = w.meta(actor);
  if (!meta) return [];
  if (actor === 'main') return mainStack(w.snapshot('main') as Snapshot, meta);
  return [meta.fn, ...(meta.stack ?? [])];
}

function blockedReason(w: WorldView<Redis12290Shared>, actor: string): string {
  const state = String(w.snapshot(actor)?.value ?? '');
  if (actor === 'main') return state === 'epoll' ? 'epoll_wait: no client has written anything' : '';
  if (state === 'reading') return 'waits for the reply to XREADGROUP';
  if (state === 'creatingGroup') return 'waits for the reply to XGROUP CREATE';
  if (state === 'waitReply' || state === 'awaitingReply' || state === 'connecting')
    return 'waits for a reply from main';
  if (state === 'exited' || state === 'done' || state === 'connected') return 'has finished';
  return 'sleeps';
}

/** Nothing redis-cli asked for is still pending, and no client is blocked on a stream. */
function settled(w: WorldView<Redis12290Shared>): boolean {
  const cli = w.snapshot('redis-cli')?.context as { commands: unknown[]; next: number } | undefined;
  if (cli && (cli.next < cli.commands.length || w.timer('redis-cli'))) return false;
  const c = mainCtx(w);
  if (c.current?.replyTo === 'redis-cli' || c.writes.some((x) => x.to === 'redis-cli')) return false;
  if (w.mailbox('main').some((m) => m.from === 'redis-cli')) return false;
  return Object.keys(c.server.blocked).length === 0;
}

function duration(name: string, c: Redis12290Config, rng: { next(): number }): number {
  const base = (c.costs as unknown as Record<string, number>)[name];
  if (base === undefined) throw new Error(`unknown cost '${name}'`);
  return base * (1 + c.jitter * (2 * rng.next() - 1));
}

/** A random version-4 UUID from the seeded stream (feeder.py's uuid.uuid4()). */
function uuid4(rng: { next(): number }): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rng.next() * 16).toString(16)).join('');
  const variant = (8 + Math.floor(rng.next() * 4)).toString(16);
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
}

type Ctx = Parameters<Incident<Redis12290Config, Redis12290Shared>['interpret']>[1];

/** One write on `client`'s connection (after connecting when `connect`): the commands arrive together. */
function sendTexts(c: Ctx, client: string, replyTo: string, texts: string[], connect: boolean, ids?: string[]): void {
  const delay = duration('net', c.config, c.rng);
  const clock = CLOCKS[c.config.clock];
  if (connect) c.post('main', { type: 'CONNECT', client }, delay);
  texts.forEach((text, i) => {
    const n = (c.shared.sent[client] ?? 0) + 1;
    c.shared.sent[client] = n;
    const id = ids?.[i] ?? `${client}#${n}`;
    const parsed = parseCommand(text);
    if (!parsed.ok) throw new Error(`${client} sent '${text}': ${parsed.clientError}`);
    const ev: CmdEvent = {
      type: 'CMD',
      id,
      client,
      replyTo,
      text,
      cmd: parsed.command,
      ms: Math.floor(clock.startUtcMs + c.world.t + delay),
    };
    c.post('main', ev, delay);
    c.note('sent', { id, client: replyTo, text });
  });
}

export const redis12290: Incident<Redis12290Config, Redis12290Shared> = {
  id: 'redis-12290',
  title: 'Redis #12290: XREADGROUP readers re-blocking on the list being walked hang the event loop',
  variants: VARIANT_INFO,
  machineKinds,
  initialActors,
  initialShared: () => ({ sent: {}, timeouts: new Map() }),
  cloneShared: (s) => ({ sent: { ...s.sent }, timeouts: new Map(s.timeouts) }),
  background: ['ping'],
  settled,
  blockedReason,
  duration,
  offers,
  waitFor,
  explain,
  explainLoop,
  stack,
  lockOwner: () => undefined,
  interpret(effect, c) {
    const p = (effect.params ?? {}) as Record<string, unknown>;
    switch (effect.type) {
      case 'request':
        sendTexts(c, p.client as string, p.client as string, p.texts as string[], p.connect as boolean);
        return true;
      case 'feed': {
        const xadd = `XADD tasks_queue MAXLEN ${p.maxlen as number} * task_uuid ${uuid4(c.rng)}`;
        const texts = p.serve
          ? [xadd]
          : ['MULTI', xadd, 'XREADGROUP GROUP test other COUNT 1 STREAMS tasks_queue >', 'EXEC'];
        sendTexts(c, p.client as string, p.client as string, texts, p.connect as boolean);
        return true;
      }
      case 'command': {
        const index = p.index as number;
        // The page's id for the command, so its reply is found by id, not by text and time.
        const id = p.id as string;
        const text = p.text as string;
        const clock = CLOCKS[c.config.clock];
        const kill = parseKill(text, clock.pid);
        if (kill) {
          if (!kill.ok) c.note('command', { id, text, clientError: kill.error });
          else
            killProcess(c, {
              id,
              text,
              signal: kill.signal,
              pid: clock.pid,
              sender: clock.shell,
              redisVersion: REDIS_VERSION[c.variant] ?? c.variant,
              title: 'redis-server *:6379',
              threads: [{ name: 'redis-server', frames: stack(c.world, 'main') }],
            });
          return true;
        }
        const parsed = parseCommand(text);
        if (!parsed.ok) {
          c.note('command', { id, text, clientError: parsed.clientError });
          return true;
        }
        c.note('command', { id, text });
        // Each command on a fresh connection: redis-cli-<n> is its client in the server.
        sendTexts(c, `redis-cli-${index + 1}`, 'redis-cli', [text], true, [id]);
        return true;
      }
      case 'setTimeout': {
        const ms = p.ms as number;
        if (ms > 0) c.shared.timeouts.set(p.client as string, c.world.t + ms);
        else c.shared.timeouts.delete(p.client as string);
        return true;
      }
      case 'clearTimeout':
        c.shared.timeouts.delete(p.client as string);
        return true;
      case 'armTimeout': {
        // aeProcessEvents' poll ends at the nearest deadline at the latest.
        const blocked = mainCtx(c.world).server.blocked;
        let soonest = Infinity;
        for (const [client, at] of c.shared.timeouts) if (blocked[client] && at < soonest) soonest = at;
        if (soonest === Infinity) return true;
        const pending = c.world.mailbox('main').some((m) => m.event.type === 'TIMEOUT_DUE' && m.at <= soonest);
        if (!pending) c.post('main', { type: 'TIMEOUT_DUE' }, Math.max(0, soonest - c.world.t));
        return true;
      }
      default:
        return false;
    }
  },
};
