/**
 * Partial-order reduction rests on one observed fact: objects answer only
 * the thread whose move it is. A toy where that fails: `ringer` rings a
 * `bell` (an object), and the bell wakes `sleeper`, a thread that did not
 * move. Sleeper's TICK looks local (its own timer, its only move), so the
 * reduction takes it first and would miss the crash that a wake before the
 * tick leads to; the explorer sees the bell answer another thread and
 * searches again unreduced. And where the fact holds, a client taking its
 * reply (the head of its mailbox) is taken alone.
 */
import { describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { explore } from './explorer';
import { UNREDUCED } from './reductions';
import { Simulation } from './simulation';
import { toyIncident } from './test-helpers';
import type { Incident, MachineKind, StateMeta } from './types';

const meta = (m: StateMeta) => m;
const inert = () => {};
const fx = { after: inert, send: inert, crash: inert };
const after = (type: string) => ({ type: 'after', params: { event: { type }, ms: 1 } }) as const;

const ringer = setup({ actions: fx }).createMachine({
  id: 'ringer',
  initial: 'ready',
  entry: after('RING') as never,
  states: {
    ready: {
      meta: meta({ span: 'run', fn: 'ring' }),
      on: { RING: { target: 'rang', actions: { type: 'send', params: { to: 'bell', event: { type: 'RING' } } } } },
    },
    rang: { meta: meta({ span: 'exited', fn: 'exit' }) },
  },
});

/** `answer`: the bell answers the ringer (the mover); otherwise it wakes the sleeper. */
const bell = (answer: boolean) =>
  setup({ actions: fx }).createMachine({
    id: 'bell',
    initial: 'idle',
    states: {
      idle: {
        on: {
          RING: {
            target: 'rung',
            actions: { type: 'send', params: { to: answer ? 'ringer' : 'sleeper', event: { type: 'WAKE' } } },
          },
        },
      },
      rung: {},
    },
  });

const sleeper = setup({ actions: fx }).createMachine({
  id: 'sleeper',
  initial: 'sleeping',
  entry: after('TICK') as never,
  states: {
    sleeping: {
      meta: meta({ span: 'idle', fn: 'sleep' }),
      on: { TICK: 'ticked', WAKE: { target: 'woken', actions: after('FALL') as never } },
    },
    ticked: { meta: meta({ span: 'idle', fn: 'sleep' }) },
    woken: {
      meta: meta({ span: 'run', fn: 'fall' }),
      on: { FALL: { target: 'fallen', actions: { type: 'crash', params: { message: 'woken before its tick' } } } },
    },
    fallen: { meta: meta({ span: 'exited', fn: 'exit' }) },
  },
});

/** Three clients, each sending one request to `server` and taking the reply from its mailbox. */
const client = setup({
  actions: fx,
  types: { context: {} as { id: string }, input: {} as { id: string } },
}).createMachine({
  id: 'client',
  initial: 'sending',
  context: ({ input }) => ({ id: input.id }),
  entry: after('SEND') as never,
  states: {
    sending: {
      meta: meta({ span: 'run', fn: 'send' }),
      on: {
        SEND: {
          target: 'waiting',
          actions: {
            type: 'send',
            params: ({ context }: { context: { id: string } }) => ({
              to: 'server',
              event: { type: 'REQ', from: context.id },
            }),
          },
        },
      },
    },
    waiting: { meta: meta({ span: 'waitReply', fn: 'read', inbox: true }), on: { REPLY: 'done' } },
    done: { meta: meta({ span: 'exited', fn: 'exit' }) },
  },
});

function toy(answer: boolean): Incident<object, object> {
  const kinds: Record<string, MachineKind> = {
    ringer: { machine: ringer, role: 'thread' },
    bell: { machine: bell(answer), role: 'object' },
    sleeper: { machine: sleeper, role: 'thread' },
  };
  return toyIncident<object>({
    title: 'A bell that wakes the wrong thread',
    variants: ['only'],
    machineKinds: () => kinds,
    initialActors: () => [
      { id: 'ringer', kind: 'ringer', input: {} },
      { id: 'bell', kind: 'bell', input: {} },
      { id: 'sleeper', kind: 'sleeper', input: {} },
    ],
  });
}

const untimed = (incident: Incident<object, object>) =>
  new Simulation(incident, { variant: 'only', config: {}, seed: 1, untimed: true, record: false });

describe('partial-order reduction', () => {
  it('is given up when an object answers a thread that did not move: the crash is still found', () => {
    const full = explore(untimed(toy(false)), UNREDUCED);
    expect(full.verdict).toBe('crash-reachable');
    const sim = untimed(toy(false));
    const reduced = explore(sim);
    expect(sim.objectsAnswerMover).toBe(false);
    expect(reduced.verdict).toBe('crash-reachable');
    expect(reduced.counterexample).toEqual(full.counterexample);
  });

  it('keeps the fact while objects answer the mover', () => {
    const sim = untimed(toy(true));
    expect(explore(sim).verdict).toBe('safe');
    expect(sim.objectsAnswerMover).toBe(true);
  });

  it('takes a reply at the head of a mailbox alone, untimed, and visits fewer states for it', () => {
    const server = setup({ actions: fx }).createMachine({
      id: 'server',
      initial: 'serving',
      states: {
        serving: {
          meta: meta({ span: 'run', fn: 'serve', inbox: true }),
          on: {
            REQ: {
              actions: {
                type: 'send',
                params: ({ event }: { event: { from: string } }) => ({ to: event.from, event: { type: 'REPLY' } }),
              },
            },
          },
        },
      },
    });
    const kinds: Record<string, MachineKind> = {
      client: { machine: client, role: 'thread' },
      server: { machine: server, role: 'thread' },
    };
    const incident: Incident<object, object> = {
      ...toy(true),
      machineKinds: () => kinds,
      initialActors: () => [
        { id: 'server', kind: 'server', input: {} },
        ...[1, 2, 3].map((n) => ({ id: `client-${n}`, kind: 'client', input: { id: `client-${n}` } })),
      ],
    };
    const full = explore(untimed(incident), UNREDUCED);
    const reduced = explore(untimed(incident), { symmetry: false });
    expect(full.verdict).toBe('safe');
    expect(reduced.verdict).toBe('safe');
    expect(reduced.states).toBeLessThan(full.states);
  });
});
