/**
 * The clients of the reproduction (seed 004's scripts) and the operator:
 * `subscriber-<i>` (subscriber.py: XGROUP CREATE once, then XREADGROUP ...
 * BLOCK in a loop, sleeping when the reply is nil), `feeder` (feeder.py: XADD
 * with MAXLEN, 100 ms sleep after each reply), `ping` (a monitoring PING),
 * `newclient` (a connection attempt at some moment) and `redis-cli` (the
 * injected commands, each on a fresh connection). The incident turns their
 * requests into commands on the wire.
 */
import { assign, enqueueActions, setup } from 'xstate';
import { effects } from '../effects';
import { meta } from './main';
import type { Reply, ReplyEvent } from './model';

/** Effects the incident interprets. */
const clientEffects = {
  ...effects,
  /** Send `texts` in one write (a pipeline), after connecting when `connect`. */
  request: (_: unknown, _p: { client: string; texts: string[]; connect: boolean }) => {},
  /** feeder.py's XADD (its task_uuid drawn from the seeded random stream), or the MULTI/EXEC that takes it. */
  feed: (_: unknown, _p: { client: string; maxlen: number; serve: boolean; connect: boolean }) => {},
  command: (_: unknown, _p: { text: string; index: number }) => {},
};

/** The ids of the entries an XREADGROUP reply carries. */
export function entryIds(r: Reply): string[] {
  if (r.kind !== 'array') return [];
  const out: string[] = [];
  for (const s of r.items) {
    const entries = s.kind === 'array' ? s.items[1] : undefined;
    if (entries?.kind !== 'array') continue;
    for (const e of entries.items) if (e.kind === 'array' && e.items[0]?.kind === 'bulk') out.push(e.items[0].value);
  }
  return out;
}

/** The clients' events: their own timers, and main's replies (ReplyEvent). */
type Ev = {
  type: 'START' | 'PRINTED' | 'WAKE' | 'TICK' | 'CONNECT' | 'SEND' | 'REPLY';
  id?: ReplyEvent['id'];
  reply?: ReplyEvent['reply'];
};

export interface SubscriberInput {
  id: string;
  consumer: string;
  startMs: number;
  block: number;
  sleepMs: number;
  /** XREADGROUPs to send (the explorer's bound; the script never stops). */
  reads: number;
  /** Send XGROUP CREATE first (false when the group is there from the start). */
  createGroup: boolean;
  /** Already connected at the start (the explorer's: no accept to interleave). */
  connected: boolean;
}

type SubscriberContext = SubscriberInput;

const xreadgroupText = (c: SubscriberContext) =>
  `XREADGROUP GROUP test ${c.consumer} COUNT 1 BLOCK ${c.block} STREAMS tasks_queue >`;

const read = enqueueActions(({ context, enqueue }) => {
  const c = context as SubscriberContext;
  enqueue({ type: 'request', params: { client: c.id, texts: [xreadgroupText(c)], connect: !c.connected } } as never);
  enqueue.assign({ connected: true, reads: c.reads - 1 });
}) as never;

export const subscriberMachine = setup({
  types: { context: {} as SubscriberContext, events: {} as Ev, input: {} as SubscriberInput },
  actions: clientEffects,
  guards: {
    'creates group': ({ context }) => context.createGroup,
    'reads left': ({ context }) => context.reads > 0,
    'nil reply': ({ event }) => event.reply?.kind === 'nil',
  },
}).createMachine({
  id: 'subscriber',
  initial: 'starting',
  context: ({ input }) => input,
  entry: { type: 'after', params: ({ context }) => ({ event: { type: 'START' }, ms: context.startMs }) },
  states: {
    starting: {
      meta: meta({ span: 'idle', fn: 'Process.start', stack: ['subscriber.py'] }),
      on: {
        START: [
          {
            guard: 'creates group',
            target: 'creatingGroup',
            actions: [
              {
                type: 'request',
                params: ({ context }) => ({
                  client: context.id,
                  texts: ['XGROUP CREATE tasks_queue test $ MKSTREAM'],
                  connect: !context.connected,
                }),
              },
              assign({ connected: true }),
            ],
          },
          { guard: 'reads left', target: 'reading', actions: read },
          { target: 'done' },
        ],
      },
    },
    creatingGroup: {
      meta: meta({ span: 'waitReply', fn: 'xgroup_create', stack: ['subscriber', 'subscriber.py'], inbox: true }),
      on: {
        REPLY: [
          {
            guard: 'reads left',
            target: 'reading',
            actions: [
              // except Exception: print('group already exists')
              {
                type: 'note',
                params: ({ event, context }) => ({ kind: 'groupCreate', client: context.id, reply: event.reply }),
              },
              read,
            ],
          },
          { target: 'done' },
        ],
      },
    },
    reading: {
      meta: meta({ span: 'blocked', fn: 'xreadgroup', stack: ['subscriber', 'subscriber.py'], inbox: true }),
      on: {
        REPLY: [
          {
            guard: 'nil reply',
            target: 'sleeping',
            actions: [
              { type: 'note', params: ({ event, context }) => ({ kind: 'nil', client: context.id, id: event.id }) },
              { type: 'after', params: ({ context }) => ({ event: { type: 'WAKE' }, ms: context.sleepMs }) },
            ],
          },
          {
            target: 'printing',
            actions: [
              {
                type: 'note',
                params: ({ event, context }) => ({
                  kind: 'received',
                  client: context.id,
                  id: event.id,
                  entries: entryIds(event.reply!),
                }),
              },
              { type: 'after', params: { event: { type: 'PRINTED' }, cost: 'client' } },
            ],
          },
        ],
      },
    },
    printing: {
      meta: meta({ span: 'running', fn: 'print', stack: ['subscriber', 'subscriber.py'] }),
      on: { PRINTED: [{ guard: 'reads left', target: 'reading', actions: read }, { target: 'done' }] },
    },
    sleeping: {
      meta: meta({ span: 'sleeping', fn: 'time.sleep', stack: ['subscriber', 'subscriber.py'] }),
      on: { WAKE: [{ guard: 'reads left', target: 'reading', actions: read }, { target: 'done' }] },
    },
    done: { meta: meta({ span: 'exited', fn: 'exit' }) },
  },
});

export interface FeederInput {
  id: string;
  intervalMs: number;
  maxlen: number;
  /** The new entry can be served to a blocked reader (else MULTI/XADD/XREADGROUP/EXEC takes it first). */
  serve: boolean;
  /** XADDs to send (the explorer's bound; the script never stops). */
  xadds: number;
  /** Already connected at the start. */
  connected: boolean;
}

interface FeederContext extends FeederInput {
  /** Replies still to read for the last write (4 for MULTI ... EXEC). */
  awaiting: number;
}

export const feederMachine = setup({
  types: { context: {} as FeederContext, events: {} as Ev, input: {} as FeederInput },
  actions: clientEffects,
  guards: {
    'xadds left': ({ context }) => context.xadds > 0,
    'more replies': ({ context }) => context.awaiting > 1,
  },
}).createMachine({
  id: 'feeder',
  initial: 'sleeping',
  context: ({ input }) => ({ ...input, awaiting: 0 }),
  // The feeder starts first and adds at once.
  entry: { type: 'after', params: { event: { type: 'TICK' }, ms: 0 } },
  states: {
    sleeping: {
      meta: meta({ span: 'sleeping', fn: 'time.sleep', stack: ['feeder', 'feeder.py'] }),
      on: {
        TICK: [
          {
            guard: 'xadds left',
            target: 'waitReply',
            actions: [
              {
                type: 'feed',
                params: ({ context }) => ({
                  client: context.id,
                  maxlen: context.maxlen,
                  serve: context.serve,
                  connect: !context.connected,
                }),
              },
              assign({
                connected: true,
                xadds: ({ context }) => context.xadds - 1,
                awaiting: ({ context }) => (context.serve ? 1 : 4),
              }),
            ],
          },
          { target: 'done' },
        ],
      },
    },
    waitReply: {
      meta: meta({ span: 'waitReply', fn: 'xadd', stack: ['feeder', 'feeder.py'], inbox: true }),
      on: {
        REPLY: [
          { guard: 'more replies', actions: assign({ awaiting: ({ context }) => context.awaiting - 1 }) },
          {
            target: 'sleeping',
            actions: [
              assign({ awaiting: 0 }),
              {
                type: 'note',
                params: ({ event, context }) => ({
                  kind: 'xadded',
                  client: context.id,
                  id: event.id,
                  reply: event.reply,
                }),
              },
              { type: 'after', params: ({ context }) => ({ event: { type: 'TICK' }, ms: context.intervalMs }) },
            ],
          },
        ],
      },
    },
    done: { meta: meta({ span: 'exited', fn: 'exit' }) },
  },
});

export const pingMachine = setup({
  types: {
    context: {} as { id: string; interval: number; connected: boolean },
    events: {} as Ev,
    input: {} as { id: string; interval: number },
  },
  actions: clientEffects,
}).createMachine({
  id: 'ping',
  initial: 'sleeping',
  context: ({ input }) => ({ ...input, connected: false }),
  entry: { type: 'after', params: ({ context }) => ({ event: { type: 'TICK' }, ms: context.interval }) },
  states: {
    sleeping: {
      meta: meta({ span: 'sleeping', fn: 'sleep' }),
      on: {
        TICK: {
          target: 'awaitingReply',
          actions: [
            {
              type: 'request',
              params: ({ context }) => ({ client: context.id, texts: ['PING'], connect: !context.connected }),
            },
            assign({ connected: true }),
          ],
        },
      },
    },
    awaitingReply: {
      meta: meta({ span: 'waitReply', fn: 'read', stack: ['redisGetReply'], inbox: true }),
      on: {
        REPLY: {
          target: 'sleeping',
          actions: [
            { type: 'note', params: ({ event, context }) => ({ kind: 'completed', id: event.id, client: context.id }) },
            { type: 'after', params: ({ context }) => ({ event: { type: 'TICK' }, ms: context.interval }) },
          ],
        },
      },
    },
  },
});

/** A new client: connects at `at` and sends PING; the event loop accepts the connection and answers. */
export const newClientMachine = setup({
  types: { context: {} as { id: string; at: number }, events: {} as Ev, input: {} as { id: string; at: number } },
  actions: clientEffects,
}).createMachine({
  id: 'newclient',
  initial: 'idle',
  context: ({ input }) => input,
  entry: { type: 'after', params: ({ context }) => ({ event: { type: 'CONNECT' }, at: context.at }) },
  states: {
    idle: {
      meta: meta({ span: 'idle', fn: 'redis-cli' }),
      on: {
        CONNECT: {
          target: 'connecting',
          actions: {
            type: 'request',
            params: ({ context }) => ({ client: context.id, texts: ['PING'], connect: true }),
          },
        },
      },
    },
    connecting: {
      meta: meta({ span: 'waitReply', fn: 'read', stack: ['redisGetReply', 'cliConnect'], inbox: true }),
      on: {
        REPLY: {
          target: 'connected',
          actions: {
            type: 'note',
            params: ({ event, context }) => ({ kind: 'completed', id: event.id, client: context.id }),
          },
        },
      },
    },
    connected: { meta: meta({ span: 'exited', fn: 'exit' }) },
  },
});

export { operatorMachine, type ScheduledCommand } from '../operator';
