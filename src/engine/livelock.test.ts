/**
 * Livelock, on a toy incident: `looper` waits for GO, then walks between two
 * states on timers forever (`forever`), for K turns (`bounded`), or with its
 * walk reading its mailbox so that a STOP can end it (`inbox`). `client`
 * sends GO (and, for `inbox`, STOP later); `ping` sends PING every few ms.
 * Also: the call stack recorded per span, and packed.
 */
import { describe, expect, it } from 'vitest';
import { assign, enqueueActions, setup } from 'xstate';
import { explore, fateOf, badState } from './explorer';
import { sampleFutures } from './futures';
import { packTrace, transferables } from './packed';
import { LOOP_WATCH_AFTER, Simulation } from './simulation';
import { toyIncident } from './test-helpers';
import type { Incident, MachineKind, Move, StateMeta } from './types';

type Variant = 'forever' | 'bounded' | 'inbox';

interface ToyConfig {
  /** When the client sends GO (virtual ms). */
  goAt: number;
  /** When the client sends STOP (for the `inbox` variant), if ever. */
  stopAt: number | null;
  /** PING period in ms; 0: no ping. */
  ping: number;
  /** Turns of the `bounded` walk. */
  turns: number;
}

const CONFIG: ToyConfig = { goAt: 5, stopAt: null, ping: 2, turns: 20 };
const meta = (m: StateMeta) => m;
const inert = () => {};
const fx = { after: inert, send: inert, note: inert };
/** One loop step: a hundredth of a ms, far shorter than the ping's period. */
const next = { type: 'after', params: { event: { type: 'NEXT' }, ms: 0.01 } } as const;
const WALK = ['handleClientsBlockedOnKeys', 'processCommand', 'main'];

function looper(variant: Variant) {
  const walking = variant === 'inbox';
  return setup({
    types: { context: {} as { turns: number; limit: number }, input: {} as { limit: number } },
    actions: fx,
    guards: { 'more turns': ({ context }) => variant !== 'bounded' || context.turns + 1 < context.limit },
  }).createMachine({
    id: 'looper',
    initial: 'wait',
    context: ({ input }) => ({ turns: 0, limit: input.limit }),
    states: {
      wait: {
        meta: meta({ span: 'idle', fn: 'epoll_wait', stack: ['aeMain', 'main'], inbox: true }),
        on: { GO: { target: 'scan', actions: next as never }, PING: {} },
      },
      scan: {
        meta: meta({ span: 'running', fn: 'listNext', stack: WALK, inbox: walking }),
        on: {
          NEXT: { target: 'serve', actions: next as never },
          ...(walking ? { PING: {}, STOP: { target: 'done', actions: { type: 'cancel' } as never } } : {}),
        },
      },
      serve: {
        meta: meta({ span: 'running', fn: 'serveClient', stack: WALK, inbox: walking }),
        on: {
          NEXT: [
            {
              guard: 'more turns',
              target: 'scan',
              actions: [
                next as never,
                ...(variant === 'bounded' ? [assign({ turns: ({ context }) => context.turns + 1 }) as never] : []),
              ],
            },
            { target: 'done' },
          ],
          ...(walking ? { PING: {}, STOP: { target: 'done', actions: { type: 'cancel' } as never } } : {}),
        },
      },
      done: { meta: meta({ span: 'exited', fn: 'exit' }) },
    },
  });
}

const client = setup({
  types: {
    context: {} as { goAt: number; stopAt: number | null },
    input: {} as { goAt: number; stopAt: number | null },
  },
  actions: fx,
}).createMachine({
  id: 'client',
  initial: 'think',
  context: ({ input }) => input,
  entry: {
    type: 'after',
    params: ({ context }: { context: { goAt: number } }) => ({ event: { type: 'SEND' }, at: context.goAt }),
  } as never,
  states: {
    think: {
      meta: meta({ span: 'idle', fn: 'think' }),
      on: {
        SEND: {
          target: 'waiting',
          actions: enqueueActions(({ context, enqueue }) => {
            enqueue({ type: 'send', params: { to: 'looper', event: { type: 'GO' }, delay: 0 } } as never);
            if (context.stopAt !== null)
              enqueue({ type: 'after', params: { event: { type: 'STOP' }, at: context.stopAt } } as never);
          }),
        },
      },
    },
    waiting: {
      meta: meta({ span: 'waitReply', fn: 'read', inbox: true }),
      on: { STOP: { actions: { type: 'send', params: { to: 'looper', event: { type: 'STOP' }, delay: 0 } } as never } },
    },
  },
});

const ping = setup({
  types: { context: {} as { every: number }, input: {} as { every: number } },
  actions: fx,
}).createMachine({
  id: 'ping',
  initial: 'sleep',
  context: ({ input }) => input,
  entry: {
    type: 'after',
    params: ({ context }: { context: { every: number } }) => ({ event: { type: 'TICK' }, ms: context.every }),
  } as never,
  states: {
    sleep: {
      meta: meta({ span: 'idle', fn: 'sleep' }),
      on: {
        TICK: {
          actions: [
            { type: 'send', params: { to: 'looper', event: { type: 'PING' }, delay: 0 } },
            {
              type: 'after',
              params: ({ context }: { context: { every: number } }) => ({ event: { type: 'TICK' }, ms: context.every }),
            },
          ] as never,
        },
      },
    },
  },
});

const kinds = new Map<string, Record<string, MachineKind>>();
function machineKinds(variant: string): Record<string, MachineKind> {
  let k = kinds.get(variant);
  if (!k) {
    k = {
      looper: { machine: looper(variant as Variant), role: 'thread' },
      client: { machine: client, role: 'thread' },
      ping: { machine: ping, role: 'thread' },
    };
    kinds.set(variant, k);
  }
  return k;
}

function toy(extra: Partial<Incident<ToyConfig, object>> = {}): Incident<ToyConfig, object> {
  const incident = toyIncident<ToyConfig>({
    title: 'A list walked forever',
    variants: ['forever', 'bounded', 'inbox'],
    machineKinds,
    initialActors: (c) => [
      { id: 'looper', kind: 'looper', input: { limit: c.turns } },
      { id: 'client', kind: 'client', input: { goAt: c.goAt, stopAt: c.stopAt } },
      ...(c.ping ? [{ id: 'ping', kind: 'ping', input: { every: c.ping } }] : []),
    ],
    explainLoop: (actors) => `${actors.join(', ')} walks the blocked clients forever.`,
  });
  return { ...incident, ...extra };
}

function sim(
  variant: Variant,
  o: { config?: Partial<ToyConfig>; untimed?: boolean; record?: boolean } = {},
  incident = toy(),
) {
  return new Simulation(incident, {
    variant,
    config: { ...CONFIG, ...o.config },
    seed: 1,
    untimed: o.untimed,
    record: o.record,
  });
}

/** Replays `keys` (step index -> key) from a fresh untimed simulation. */
function replay(variant: Variant, keys: readonly string[], config: Partial<ToyConfig> = {}) {
  const s = new Simulation(toy(), {
    variant,
    config: { ...CONFIG, ...config },
    seed: 1,
    untimed: true,
    choices: Object.fromEntries(keys.map((k, i) => [i, k])),
  });
  s.run({ maxSteps: keys.length });
  return s;
}

const lane = (s: Simulation<ToyConfig, object>, id: string) => s.trace.lanes.get(id) ?? [];

describe('a run that loops', () => {
  it('ends in a livelock: the looping thread, since when, one turn, in the incident words', () => {
    const s = sim('forever');
    s.run({ until: 40 });
    const v = s.verdict!;
    expect(v.outcome).toBe('livelock');
    expect(s.livelock).toBe(v);
    expect(v.cycle).toEqual(['looper']);
    expect(v.edges).toEqual([]);
    expect(v.explanation).toBe('looper walks the blocked clients forever.');
    expect(v.loop!.period).toBe(2);
    expect(v.step).toBe(v.loop!.since + v.loop!.period);
    // Watched from LOOP_WATCH_AFTER calm steps into the walk, which starts when GO is taken.
    const go = s.choiceLog.indexOf('looper:GO') + 1;
    expect(v.loop!.since).toBeGreaterThanOrEqual(go + LOOP_WATCH_AFTER);
    expect(v.loop!.since).toBeLessThan(go + LOOP_WATCH_AFTER + 4 * v.loop!.period);
    expect(v.at).toBe(s.trace.stepTimes[v.step]);
  });

  it('freezes the looping thread in a last span, while the ping keeps ticking', () => {
    const s = sim('forever');
    s.run({ until: 40 });
    const v = s.verdict!;
    expect(s.choiceLog.slice(v.step).some((k) => k.startsWith('looper:'))).toBe(false);
    expect(s.enabled().some((m) => m.actor === 'looper')).toBe(false);
    const pings = s.trace.messages.filter((m) => m.from === 'ping' && m.step > v.step);
    expect(pings.length).toBeGreaterThan(10);
    expect(s.t).toBeGreaterThan(38);
    const last = lane(s, 'looper').at(-1)!;
    expect(last).toMatchObject({ state: 'endless loop', kind: 'looping', startStep: v.step, start: v.at });
    expect(Number.isNaN(last.end)).toBe(true);
    expect(['listNext', 'serveClient']).toContain(last.fn);
    expect(s.trace.stacks[last.stack]).toEqual([last.fn, ...WALK]);
    // Every PING sent once the walk started stays unread.
    const go = s.choiceLog.indexOf('looper:GO') + 1;
    expect(s.view.mailbox('looper').length).toBe(
      s.trace.messages.filter((m) => m.from === 'ping' && m.step > go).length,
    );
  });

  it('stops once only background actors could move', () => {
    const s = sim('forever', {}, toy({ background: ['ping'] }));
    s.run({ until: 40 });
    expect(s.verdict?.outcome).toBe('livelock');
    expect(s.step).toBe(s.verdict!.step);
  });

  it('is found without recording a trace too (as sampled futures run)', () => {
    const a = sim('forever');
    const b = sim('forever', { record: false });
    a.run({ until: 40 });
    b.run({ until: 40 });
    expect(b.verdict).toEqual(a.verdict);
    expect(b.choiceLog).toEqual(a.choiceLog);
  });

  it('is no livelock when the walk ends after K turns, or reads a mailbox that a STOP reaches', () => {
    const bounded = sim('bounded');
    bounded.run({ until: 40 });
    expect(bounded.verdict).toBeNull();
    expect(bounded.snapshot('looper')!.value).toBe('done');
    const inbox = sim('inbox', { config: { stopAt: 30 } });
    inbox.run({ until: 40 });
    expect(inbox.verdict).toBeNull();
    expect(inbox.snapshot('looper')!.value).toBe('done');
    expect(inbox.choiceLog).toContain('looper:STOP');
  });

  it('is no livelock when the incident calls the loop progress', () => {
    const progress = (m: Move) => m.source === 'mailbox' || m.source === 'idle' || m.actor === 'looper';
    const s = sim('forever', {}, toy({ progress }));
    s.run({ until: 10 });
    expect(s.verdict).toBeNull();
  });
});

describe('stepping back through a livelock', () => {
  it('seek reproduces the verdict and the trace, with checkpoints inside the watched stretch', () => {
    let straddled = 0;
    // GO later and later: the walk's watched stretch slides over the checkpoint at step 512.
    for (let goAt = 240; goAt <= 262; goAt++) {
      const config = { goAt, ping: 1 };
      const s = sim('forever', { config });
      s.run({ until: goAt + 20 });
      const v = s.verdict!;
      expect(v?.outcome).toBe('livelock');
      if (v.loop!.since - LOOP_WATCH_AFTER < 512 && 512 <= v.step) straddled++;
      const end = s.step;
      const packed = packTrace(s);
      for (const k of [v.step - 1, v.loop!.since, 512, v.step, v.step + 1]) {
        s.seek(k);
        expect(s.verdict, `goAt ${goAt}, step ${k}`).toEqual(k >= v.step ? v : null);
        s.seek(end);
        expect(s.verdict).toEqual(v);
        expect(packTrace(s)).toEqual(packed);
      }
    }
    expect(straddled).toBeGreaterThan(0);
  });

  it('saveWorld/loadWorld carry the livelock: the frozen thread stays frozen', () => {
    const s = sim('forever');
    s.run({ until: 20 });
    const w = s.saveWorld();
    expect(w.livelock).toBe(s.livelock);
    const other = sim('forever', { record: false });
    other.loadWorld(w);
    expect(other.livelock).toEqual(s.livelock);
    expect(other.verdict).toEqual(s.livelock);
    expect(other.stateKey()).toBe(s.stateKey());
    expect(other.enabled().map((m) => m.key)).toEqual(s.enabled().map((m) => m.key));
    expect(badState(other)?.kind).toBe('livelock');
    // And back to a world before it: nothing is frozen.
    other.loadWorld(sim('forever', { record: false }).saveWorld());
    expect(other.livelock).toBeNull();
    expect(other.verdict).toBeNull();
  });
});

describe('the explorer', () => {
  const bounded = { ping: 0, turns: 3, stopAt: 30 };

  it('finds the livelock, with a counterexample to the loop and one turn that replays into the verdict', () => {
    const r = explore(sim('forever', { untimed: true, record: false, config: { ping: 0 } }));
    expect(r.verdict).toBe('livelock-reachable');
    expect(r.cycle).toEqual(['looper']);
    expect(r.explanation).toBe('looper walks the blocked clients forever.');
    expect(r.loop).toHaveLength(2);
    expect(r.counterexample).toEqual(['client:SEND', 'looper:GO']);
    const s = replay('forever', [...r.counterexample!, ...r.loop!], { ping: 0 });
    expect(s.verdict).toMatchObject({
      outcome: 'livelock',
      cycle: r.cycle,
      step: r.counterexample!.length + r.loop!.length,
      loop: { since: r.counterexample!.length, period: r.loop!.length },
    });
  });

  it('says safe for a walk that ends, and for one that reads its mailbox', () => {
    for (const variant of ['bounded', 'inbox'] as const) {
      const r = explore(sim(variant, { untimed: true, record: false, config: bounded }));
      expect(r.verdict, variant).toBe('safe');
      expect(r.loop).toBeNull();
    }
  });

  it('finds it in a graph cut short too (every edge is real), here an endless ping', () => {
    const r = explore(sim('forever', { untimed: true, record: false, config: { ping: 3 } }), { maxStates: 300 });
    expect(r.verdict).toBe('livelock-reachable');
    const s = replay('forever', [...r.counterexample!, ...r.loop!], { ping: 3 });
    expect(s.verdict?.outcome).toBe('livelock');
    expect(s.verdict?.cycle).toEqual(['looper']);
  });

  it('reports a world already in a livelock at once', () => {
    const s = sim('forever', { untimed: true, config: { ping: 0 } });
    s.run({ maxSteps: 40 });
    expect(s.livelock).not.toBeNull();
    const r = explore(s);
    expect(r).toMatchObject({ verdict: 'livelock-reachable', counterexample: [], loop: [], cycle: ['looper'] });
  });

  it('fateOf: a reachable loop is bad, as the explorer says; a walk that ends is not', () => {
    const forever = sim('forever', { untimed: true, record: false, config: { ping: 0 } });
    expect(fateOf(forever)).toBe('inevitable');
    const r = explore(sim('forever', { untimed: true, record: false, config: { ping: 0 } }));
    // Inside the loop, before any run has recognised it.
    const inside = replay('forever', [...r.counterexample!, r.loop![0]], { ping: 0 });
    expect(inside.livelock).toBeNull();
    expect(fateOf(inside)).toBe('inevitable');
    expect(fateOf(sim('bounded', { untimed: true, record: false, config: bounded }))).toBe('impossible');
    expect(fateOf(sim('inbox', { untimed: true, record: false, config: bounded }))).toBe('impossible');
  });
});

describe('sampled futures', () => {
  it('count a livelock as a hang', () => {
    const s = sim('forever', { record: false });
    expect(sampleFutures(s, { count: 4, until: 30, seed: 7 })).toEqual({ futures: 4, hangs: 4, crashes: 0 });
    expect(s.step).toBe(0);
    const ok = sim('bounded', { record: false });
    expect(sampleFutures(ok, { count: 4, until: 30, seed: 7 })).toEqual({ futures: 4, hangs: 0, crashes: 0 });
  });
});

describe('call stacks per span', () => {
  it('records each span stack when it opens, interned, and packs them', () => {
    const s = sim('forever');
    s.run({ until: 20 });
    const seen = new Set<string>();
    for (const [id, spans] of s.trace.lanes) {
      for (const span of spans) {
        const stack = s.trace.stacks[span.stack];
        expect(stack[0], id).toBe(span.fn);
        seen.add(stack.join('/'));
      }
    }
    // Interned: one entry per distinct stack.
    expect(s.trace.stacks.length).toBe(seen.size);
    expect(s.trace.stacks).toContainEqual(['listNext', ...WALK]);
    const p = packTrace(s);
    expect(p.stacks).toEqual(s.trace.stacks);
    expect(p.spanStack.length).toBe(p.start.length);
    let k = 0;
    for (const id of p.lanes) for (const span of s.trace.lanes.get(id) ?? []) expect(p.spanStack[k++]).toBe(span.stack);
    expect(transferables(p)).toContain(p.spanStack.buffer);
  });

  it('stepping back drops the stacks only later spans used', () => {
    const s = sim('forever');
    s.run({ until: 20 });
    const straight = sim('forever');
    straight.run({ maxSteps: 3 });
    s.seek(3);
    expect(s.trace.stacks).toEqual(straight.trace.stacks);
    expect(packTrace(s)).toEqual(packTrace(straight));
  });
});
