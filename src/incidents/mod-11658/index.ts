/**
 * MOD-11658 as an engine incident: RediSearch's `workers` pool, the Redis
 * main thread and the module GIL, plus the coordinator (`coord` pool,
 * `search-uv-1`) in cluster mode, and the load. This module wires the
 * machines together: who exists at start, which moves the objects offer,
 * which wait-for edges the world has, the call stacks, and the words.
 */
import type { Snapshot } from '../../engine/types';
import type { EffectContext, Incident, LogLevel, MachineKind, Move, WaitEdge, WorldView } from '../../engine/types';
import { mutexMachine, type MutexContext } from '../../machines/mutex';
import { barrierMachine, type BarrierContext } from '../../machines/mod-11658/barrier';
import { channelMachine, type ChannelContext } from '../../machines/mod-11658/channel';
import { clientMachine, operatorMachine, pingMachine } from '../../machines/mod-11658/clients';
import { coordMachine, type CoordContext } from '../../machines/mod-11658/coord';
import { createMainMachine } from '../../machines/mod-11658/main';
import type { MainContext } from '../../machines/mod-11658/plan';
import { createSearchUvMachine } from '../../machines/mod-11658/searchUv';
import { queueLength, threadPoolMachine, type PoolContext } from '../../machines/mod-11658/threadPool';
import { workerMachine, type WorkerContext } from '../../machines/mod-11658/worker';
import { parseCommand } from './commands';
import { buildOf } from './builds';
import { parseKill, type Signal } from '../redis/signals';
import { killProcess } from '../redis/kill';
import { CLOCKS } from './config';
import { isServerThread } from './threads';
import type { Mod11658Config } from './config';
import { pickQuery, spreadQuery } from './queries';
import { mainStack } from './stacks';
import { settled } from './settled';
import { blockedReason } from './blocked';
import { VARIANTS, VARIANT_INFO } from './variants';

export interface Mod11658Shared {
  queries: number;
  pings: number;
}

const ctx = <T>(snap: Snapshot | undefined) => snap?.context as T | undefined;

const kindsCache = new Map<string, Record<string, MachineKind>>();

function machineKinds(variant: string): Record<string, MachineKind> {
  let kinds = kindsCache.get(variant);
  if (!kinds) {
    kinds = {
      main: { machine: createMainMachine(VARIANTS[variant].main), role: 'thread' },
      gil: { machine: mutexMachine, role: 'object' },
      thpool: { machine: threadPoolMachine, role: 'object' },
      barrier: { machine: barrierMachine, role: 'object' },
      channel: { machine: channelMachine, role: 'object' },
      worker: { machine: workerMachine, role: 'thread' },
      coord: { machine: coordMachine, role: 'thread' },
      searchUv: { machine: createSearchUvMachine(VARIANTS[variant].uv), role: 'thread' },
      client: { machine: clientMachine, role: 'thread' },
      ping: { machine: pingMachine, role: 'thread' },
      operator: { machine: operatorMachine, role: 'thread' },
    };
    kindsCache.set(variant, kinds);
  }
  return kinds;
}

/** Query budget per client: `total` split as evenly as possible. */
function share(total: number | null, clients: number, i: number): number {
  if (total === null) return Number.MAX_SAFE_INTEGER;
  return Math.floor(total / clients) + (i < total % clients ? 1 : 0);
}

function initialActors(c: Mod11658Config) {
  const cluster = c.shards > 1;
  const coordIds = cluster ? Array.from({ length: c.coordThreads }, (_, i) => `coord-${i + 1}`) : [];
  return [
    {
      id: 'main',
      kind: 'main',
      input: { numWorkerThreads: c.workers, cluster, untimed: c.untimed === true },
    },
    { id: 'gil', kind: 'gil', input: undefined },
    { id: 'thpool', kind: 'thpool', input: { name: 'workers', nThreads: c.workers } },
    ...(cluster
      ? [
          { id: 'search-uv-1', kind: 'searchUv', input: { id: 'search-uv-1', shards: c.shards, conns: c.workers + 1 } },
          {
            id: 'coordpool',
            kind: 'thpool',
            input: { name: 'coord', nThreads: c.coordThreads, threads: coordIds, state: 'THPOOL_INITIALIZED' },
          },
          ...coordIds.map((id) => ({ id, kind: 'coord', input: { id, shards: c.shards } })),
        ]
      : []),
    ...Array.from({ length: c.clients }, (_, i) => ({
      id: `client-${i + 1}`,
      kind: 'client',
      input: { id: `client-${i + 1}`, queries: share(c.queries, c.clients, i), startMs: c.loadStartMs ?? 0 },
    })),
    ...(c.ping
      ? [
          {
            id: 'ping',
            kind: 'ping',
            input: { id: 'ping', interval: c.pingIntervalMs, timeout: c.pingTimeoutMs ?? null },
          },
        ]
      : []),
    { id: 'redis-cli', kind: 'operator', input: { id: 'redis-cli', commands: c.commands } },
  ];
}

/** A move the scheduler may pick now: `actor` receives `type`, through `via` when an object grants it. */
const offer = (t: number, actor: string, type: string, via?: Move['via']): Move => ({
  key: `${actor}:${type}`,
  actor,
  event: { type },
  at: t,
  source: 'offer',
  via,
});

function offers(w: WorldView<Mod11658Shared>, push: (m: Move) => void): void {
  const t = w.t;
  const gil = ctx<MutexContext>(w.snapshot('gil'))!;
  if (gil.owner === null) {
    for (const to of gil.waiters) push(offer(t, to, 'GIL_ACQUIRED', { object: 'gil', event: { type: 'GRANT', to } }));
  }
  for (const pool of ['thpool', 'coordpool']) {
    const p = ctx<PoolContext>(w.snapshot(pool));
    if (!p || !p.waiters.length || !queueLength(p)) continue;
    for (const by of p.waiters) push(offer(t, by, 'JOB', { object: pool, event: { type: 'TAKE', by } }));
  }
  for (const b of w.actorsOfKind('barrier')) {
    const snap = w.snapshot(b.id)!;
    if (snap.value !== 'open') continue;
    for (const th of (snap.context as BarrierContext).arrived) {
      const job = (w.snapshot(th)!.context as WorkerContext).job;
      if (w.snapshot(th)!.value === 'barrierWait' && job?.kind === 'admin' && job.barrier === b.id) {
        push(offer(t, th, 'BARRIER_PASSED'));
      }
    }
  }
  for (const c of w.actorsOfKind('coord')) {
    const snap = w.snapshot(c.id)!;
    if (snap.value !== 'waitChannel') continue;
    const chan = `chan-${(snap.context as CoordContext).job!.id}`;
    const cc = ctx<ChannelContext>(w.snapshot(chan))!;
    if (cc.items > 0 || cc.closed) {
      push(
        offer(t, c.id, cc.items > 0 ? 'CHAN_ITEM' : 'CHAN_CLOSED', { object: chan, event: { type: 'POP', by: c.id } }),
      );
    }
  }
  const main = w.snapshot('main')!;
  const m = main.context as MainContext;
  if (main.value === 'polled') {
    // aeApiPoll: the wake-up event and every other one that has arrived by now (what epoll_wait returned).
    let numevents = 1;
    for (const msg of w.mailbox('main')) if (msg.at <= t) numevents++;
    push({ key: 'main:FIRED', actor: 'main', event: { type: 'FIRED', numevents }, at: t, source: 'offer' });
  } else if (main.value === 'beforeSleep') {
    push(offer(t, 'main', 'BEFORE_SLEEP'));
  } else if (main.value === 'spinBarrier' && m.barrier) {
    const b = ctx<BarrierContext>(w.snapshot(m.barrier))!;
    if (b.received >= b.count) push(offer(t, 'main', 'BARRIER_DRAINED'));
  } else if (main.value === 'spinAlive') {
    const p = ctx<PoolContext>(w.snapshot('thpool'))!;
    const ready =
      m.aliveRule === 'count' ? p.alive.length === m.awaitAlive : m.awaitIds.every((id) => p.alive.includes(id));
    if (ready) push(offer(t, 'main', 'THREADS_ALIVE'));
  }
}

function waitFor(w: WorldView<Mod11658Shared>): WaitEdge[] {
  const edges: WaitEdge[] = [];
  const gil = ctx<MutexContext>(w.snapshot('gil'))!;
  if (gil.owner) edges.push({ from: 'gil', to: gil.owner, kind: 'held by' });
  for (const waiter of gil.waiters) edges.push({ from: waiter, to: 'gil', kind: 'waits for lock' });
  const main = w.snapshot('main')!;
  const m = main.context as MainContext;
  if (main.value === 'spinBarrier' && m.barrier) edges.push({ from: 'main', to: m.barrier, kind: 'spins on barrier' });
  const pool = ctx<PoolContext>(w.snapshot('thpool'))!;
  const waiting = w.actorsOfKind('barrier').filter((b) => w.snapshot(b.id)!.value === 'waiting');
  const atSomeBarrier = new Set(waiting.flatMap((b) => ctx<BarrierContext>(w.snapshot(b.id))!.arrived));
  for (const b of waiting) {
    const bc = ctx<BarrierContext>(w.snapshot(b.id))!;
    for (const a of bc.arrived) edges.push({ from: a, to: b.id, kind: 'waits at barrier' });
    const quota = bc.count - bc.arrived.length;
    for (const th of pool.threads) {
      if (!atSomeBarrier.has(th)) edges.push({ from: b.id, to: th, kind: 'needs arrival', quota });
    }
  }
  for (const c of w.actorsOfKind('coord')) {
    const snap = w.snapshot(c.id)!;
    if (snap.value !== 'waitChannel') continue;
    const chan = `chan-${(snap.context as CoordContext).job!.id}`;
    edges.push({ from: c.id, to: chan, kind: 'waits on channel' });
    if (ctx<ChannelContext>(w.snapshot(chan))!.awaiting.includes('local'))
      edges.push({ from: chan, to: 'main', kind: 'awaits reply' });
  }
  return edges;
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
const list = (xs: readonly string[]) =>
  xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;

const SPIN_CALLER: Record<string, string> = {
  terminate_when_empty: 'redisearch_thpool_terminate_when_empty',
  remove_threads: 'redisearch_thpool_remove_threads',
  verify_init: 'verify_init',
  add_threads: 'redisearch_thpool_add_threads',
};

function explain(cycle: readonly string[], w: WorldView<Mod11658Shared>): string {
  const main = w.snapshot('main')!;
  const m = main.context as MainContext;
  const gil = ctx<MutexContext>(w.snapshot('gil'))!;
  const barrier = m.barrier;
  if (main.value === 'spinBarrier' && barrier && gil.owner === 'main') {
    const bc = ctx<BarrierContext>(w.snapshot(barrier))!;
    const stuck = gil.waiters.filter((x) => x.startsWith('workers-') && !bc.arrived.includes(x));
    const pool = ctx<PoolContext>(w.snapshot('thpool'))!;
    const notThere = pool.threads.filter((x) => !bc.arrived.includes(x) && !stuck.includes(x));
    const idle = notThere.filter((x) => w.snapshot(x)?.value === 'waitingForJob');
    const busy = notThere.filter((x) => !idle.includes(x));
    const needed = bc.count - bc.arrived.length;
    const clauses = [
      `main holds the GIL and spins in barrier_wait_and_destroy (${SPIN_CALLER[m.spinFor ?? ''] ?? 'redisearch_thpool_broadcast_new_state'}) ` +
        `until ${count(needed, 'more thread')} ${needed === 1 ? 'reaches' : 'reach'} ${barrier}`,
      `but ${list(stuck)} ${stuck.length === 1 ? 'is' : 'are'} blocked in RedisModule_ThreadSafeContextLock (rpSafeLoaderNext_Accumulate) waiting for that GIL`,
    ];
    const rest = [];
    if (bc.arrived.length)
      rest.push(`${count(bc.arrived.length, 'worker')} ${bc.arrived.length === 1 ? 'waits' : 'wait'} at the barrier`);
    if (busy.length) rest.push(`${list(busy)} ${busy.length === 1 ? 'is' : 'are'} still finishing a job`);
    if (idle.length)
      rest.push(
        `${list(idle)} ${idle.length === 1 ? 'has' : 'have'} not taken ${idle.length === 1 ? 'its' : 'their'} ADMIN job yet`,
      );
    return `${clauses.join(', ')}${rest.length ? ` (${rest.join('; ')})` : ''}; nobody can move again.`;
  }
  const parts = [];
  for (let i = 0; i < cycle.length; i++) parts.push(`${cycle[i]} waits for ${cycle[(i + 1) % cycle.length]}`);
  return `${parts.join(', ')}: a wait-for cycle that no thread can break.`;
}

function stack(w: WorldView<Mod11658Shared>, actor: string): string[] {
  const meta = w.meta(actor);
  if (!meta) return [];
  if (actor === 'main') return mainStack(w.snapshot('main')!, meta);
  return [meta.fn, ...(meta.stack ?? [])];
}

function duration(name: string, c: Mod11658Config, rng: { next(): number }): number {
  const base = (c.costs as unknown as Record<string, number>)[name];
  if (base === undefined) throw new Error(`unknown cost '${name}'`);
  return base * (1 + c.jitter * (2 * rng.next() - 1));
}

/** The operator's `kill`: the process ends now, with a crash report of every server thread's stack if it can catch the signal. */
function signal(c: EffectContext<Mod11658Config, Mod11658Shared>, id: string, text: string, sig: Signal) {
  const clock = CLOCKS[c.config.clock] ?? CLOCKS['regression-test'];
  const w = c.world;
  killProcess(c, {
    id,
    text,
    signal: sig,
    pid: clock.pid,
    sender: clock.shell,
    redisVersion: buildOf(c.config.build).redisVersion,
    title: `redis-server *:6379${c.config.shards > 1 ? ' [cluster]' : ''}`,
    threads: w
      .actors()
      .filter((a) => a.role === 'thread' && isServerThread(a.id))
      .map((a) => ({ name: a.id === 'main' ? 'redis-server' : a.id, frames: stack(w, a.id) })),
    // Whatever is not Redis's or libc's in these stacks is RediSearch's.
    module: { binary: 'redisearch.so', has: () => true },
    sections: true,
  });
}

export const mod11658: Incident<Mod11658Config, Mod11658Shared> = {
  id: 'mod-11658',
  title: 'MOD-11658: FT.CONFIG SET WORKERS 0 under query load hangs the shard',
  variants: VARIANT_INFO,
  machineKinds,
  initialActors,
  initialShared: () => ({ queries: 0, pings: 0 }),
  cloneShared: (s) => ({ ...s }),
  background: ['ping'],
  // The pool's threads are alike, and so are the load's clients (the explorer's symmetry reduction).
  symmetric: ['worker', 'client'],
  // As the engine's default, and the event loop going to sleep is progress also when beforeSleep is offered.
  progress: (m) =>
    m.source === 'mailbox' || m.source === 'idle' || (m.actor === 'main' && m.event.type === 'BEFORE_SLEEP'),
  settled,
  blockedReason,
  duration,
  offers,
  waitFor,
  explain,
  stack,
  lockOwner: (w, id) => (id === 'gil' ? ctx<MutexContext>(w.snapshot('gil'))!.owner : undefined),
  interpret(effect, c) {
    const p = (effect.params ?? {}) as Record<string, unknown>;
    const shared = c.shared;
    switch (effect.type) {
      case 'query': {
        const n = ++shared.queries;
        const q =
          c.config.queryPick === 'spread'
            ? spreadQuery(n, c.config.loadFraction)
            : pickQuery(c.rng, c.config.aggregateFraction, c.config.loadFraction);
        const id = `q${n}`;
        const client = p.client as string;
        c.post(
          'main',
          {
            type: 'CMD',
            id,
            text: q.text,
            cmd: { kind: 'query', verb: q.verb, needsLoad: q.needsLoad, internal: false },
            replyTo: client,
          },
          duration('net', c.config, c.rng),
        );
        c.note('sent', { id, client, verb: q.verb, needsLoad: q.needsLoad });
        return true;
      }
      case 'ping': {
        const id = `ping-${++shared.pings}`;
        c.post(
          'main',
          { type: 'CMD', id, text: 'PING', cmd: { kind: 'ping' }, replyTo: p.client as string },
          duration('net', c.config, c.rng),
        );
        c.note('sent', { id, client: p.client, verb: 'PING', needsLoad: false });
        return true;
      }
      case 'versionLog': {
        // Not in main's context: one more field there slows every copy of it (see plan.ts).
        const b = buildOf(c.config.build);
        if (p.which === 'changing' ? b.changingLog : b.deprecationLog) c.log(p.level as LogLevel, p.message as string);
        return true;
      }
      case 'command': {
        // The page's id for the command, so its reply is found by id, not by text and time.
        const id = p.id as string;
        const text = p.text as string;
        const clock = CLOCKS[c.config.clock] ?? CLOCKS['regression-test'];
        const kill = parseKill(text, clock.pid);
        if (kill) {
          if (!kill.ok) c.note('command', { id, text, clientError: kill.error });
          else signal(c, id, text, kill.signal);
          return true;
        }
        const parsed = parseCommand(text, { searchWorkers: buildOf(c.config.build).searchWorkersConfig });
        if (!parsed.ok) {
          c.note('command', { id, text, clientError: parsed.clientError });
          return true;
        }
        c.post(
          'main',
          { type: 'CMD', id, text, cmd: parsed.command, replyTo: 'redis-cli' },
          duration('net', c.config, c.rng),
        );
        c.note('command', { id, text });
        return true;
      }
      default:
        return false;
    }
  },
};
