import { describe, expect, it } from 'vitest';
import { structures } from './view';
import { createSimulation } from './scenario';
import { run, scenario, walkOrder } from './test-helpers';

describe('7.2-rc2: the walk of blocking_keys[tasks_queue]', () => {
  it('with three readers serves A, then re-blocks B, C, B′ … at the tail of the list it walks (section 10.3)', () => {
    const { sim, report } = run({ until: 1000 });
    // The engine stops main once the world has come back to where it was a turn of two clients ago.
    expect(walkOrder(sim)).toEqual(['A served', 'B re-blocks', 'C re-blocks', 'B′ re-blocks']);
    expect(report.outcome).toBe('livelock');
    expect(report.cycle).toEqual(['main']);
    // One turn of the loop: listNext, unblockClientOnKey, xreadCommand, for B and then for C.
    expect(sim.verdict!.loop!.period).toBe(6);
    expect(report.livelockAt).toBeGreaterThan(250);
    expect(report.deadlockAt).toBeNull();
    expect(report.explanation).toMatch(/^main is stuck in handleClientsBlockedOnKey/);
    expect(report.stacks.main.slice(-6)).toEqual([
      'readQueryFromClient',
      'connSocketEventHandler',
      'connUnixEventHandler',
      'aeProcessEvents',
      'aeMain',
      'main',
    ]);
    expect(report.stacks.main).toContain('handleClientsBlockedOnKey');
    expect(report.stacks.main).toContain('handleClientsBlockedOnKeys');
  });

  it('comes back to the same world every two turns: the list holds client ids, nothing counts the turns', () => {
    const sim = createSimulation(scenario());
    const keys: number[] = [];
    // Each world where main is about to call listNext, from the rewind on, until the engine freezes main.
    while (sim.stepOnce() && !sim.livelock) {
      if (sim.snapshot('main')!.value === 'listNext') keys.push(sim.stateKey());
    }
    // After rewind, A's turn and B's, C's turn leaves [B, C] and B′'s leaves [C, B′]: the world two turns back.
    expect(keys.length).toBeGreaterThanOrEqual(5);
    expect(keys[3]).not.toBe(keys[2]);
    expect(keys[4]).toBe(keys[2]);
  });

  it('ends with one or two readers, which are served in turn', () => {
    for (const subscribers of [1, 2]) {
      const { sim, report } = run({ config: { subscribers } });
      expect(report.outcome).toBe('ok');
      expect(walkOrder(sim, 2)).toEqual(
        subscribers === 1 ? ['A served', 'A served'] : ['A served', 'B re-blocks', 'B served', 'A re-blocks'],
      );
      for (const s of report.stats.subscribers) expect(s.entries).toBeGreaterThan(5);
    }
  });

  it('loops with 3, 4 and 8 readers', () => {
    for (const subscribers of [3, 4, 8]) {
      const { report } = run({ config: { subscribers }, until: 1000 });
      expect(report.outcome, `${subscribers} readers`).toBe('livelock');
    }
  });

  it('loops with two readers when neither can be served (the entry is taken inside MULTI/EXEC first)', () => {
    const { sim, report } = run({ config: { subscribers: 2, serve: false }, until: 1000 });
    expect(walkOrder(sim).slice(0, 4)).toEqual(['A re-blocks', 'B re-blocks', 'A′ re-blocks', 'B′ re-blocks']);
    expect(report.outcome).toBe('livelock');
  });

  it('ends with one reader that cannot be served: it re-blocks as the only node and listNext returns NULL', () => {
    const { sim, report } = run({ config: { subscribers: 1, serve: false } });
    expect(walkOrder(sim)).toEqual(['A re-blocks']);
    expect(report.outcome).toBe('ok');
    // Never served, and never timed out either: each re-run sets its BLOCK 2000 afresh (#12998).
    expect(report.stats.subscribers[0].entries).toBe(0);
    expect(report.stats.subscribers[0].nils).toBe(0);
    expect(report.stats.feeder.replies).toBeGreaterThan(25);
  });

  it('answers nothing once main loops: PING, the feeder, the new client, the readers', () => {
    const { report } = run({
      config: {
        commands: [
          { at: 500, text: 'PING' },
          { at: 600, text: 'XLEN tasks_queue' },
        ],
      },
    });
    expect(report.outcome).toBe('livelock');
    expect(report.replies.map((r) => r.reply)).toEqual([null, null]);
    expect(report.stats.newClient).toEqual({ connectAt: 1000, accepted: false, replied: false });
    expect(report.stats.feeder.pendingSinceMs).not.toBeNull();
    expect(report.stats.ping.pendingSinceMs).not.toBeNull();
    // A was served inside the walk, but replies are written in beforeSleep, which never comes.
    expect(report.stats.subscribers.map((s) => s.entries)).toEqual([0, 0, 0]);
  });

  it('draws the list with its current and next pointers and primes for re-appended nodes', () => {
    const sim = createSimulation(scenario());
    let reblocks = 0;
    while (sim.stepOnce()) {
      const last = sim.trace.notes[sim.trace.notes.length - 1];
      if (last?.kind === 'walk' && (last.data as { step: string }).step === 'reblocked' && ++reblocks === 3) break;
    }
    // cur=B′ re-blocked as B″: [C′, B″], next = C′.
    const [s] = structures(sim);
    expect(s.id).toBe('blocking_keys[tasks_queue]');
    expect(s.nodes.map((n) => `${n.label}:${n.state}`)).toEqual([
      'A:served',
      'B′:unlinked',
      'C′:appended',
      'B″:appended',
    ]);
    expect(s.pointers).toEqual([
      { name: 'current', node: 'subscriber-1#1' },
      { name: 'next', node: 'subscriber-2#1' },
    ]);
  });
});

describe('the fixes', () => {
  for (const variant of ['7.2-rc3', '7.0']) {
    it(`${variant} ends every walk and serves the entries round the group`, () => {
      for (const subscribers of [3, 5]) {
        const { sim, report } = run({ variant, config: { subscribers } });
        expect(report.outcome).toBe('ok');
        const served = report.stats.subscribers.map((s) => s.entries);
        expect(Math.min(...served)).toBeGreaterThan(0);
        expect(Math.max(...served) - Math.min(...served)).toBeLessThanOrEqual(1);
        // Every XREADGROUP was answered with one entry, but for the one in flight (or none while printing).
        for (const s of report.stats.subscribers) expect(s.reads - s.entries - s.nils).toBeLessThanOrEqual(1);
        expect(report.stats.subscribers.every((s) => s.nils === 0)).toBe(true);
        // Each entry goes to one consumer: ids received are distinct and all come from XADD replies.
        const ids = sim.trace.notes.filter((n) => n.kind === 'received').flatMap((n) => n.data.entries as string[]);
        expect(new Set(ids).size).toBe(ids.length);
        expect(report.replies).toEqual([]);
      }
    });

    it(`${variant} ends the walk when nobody can be served`, () => {
      const { report } = run({ variant, config: { subscribers: 3, serve: false }, until: 2600 });
      expect(report.outcome).toBe('ok');
      expect(report.stats.subscribers.map((s) => s.entries)).toEqual([0, 0, 0]);
      // 7.0 leaves them blocked with their first deadline; 7.2 re-runs them and sets BLOCK 2000 again each time.
      expect(report.stats.subscribers.map((s) => s.nils)).toEqual(variant === '7.0' ? [1, 1, 1] : [0, 0, 0]);
    });
  }

  it('7.2-rc3 walks the initial count: A served, B and C re-blocked, then B′ waits for the next XADD', () => {
    const { sim } = run({ variant: '7.2-rc3' });
    expect(walkOrder(sim, 2)).toEqual([
      'A served',
      'B re-blocks',
      'C re-blocks',
      'B served',
      'C re-blocks',
      'A re-blocks',
    ]);
  });

  it('7.0 serves A and leaves B and C where they are', () => {
    const { sim } = run({ variant: '7.0' });
    expect(walkOrder(sim, 2)).toEqual(['A served', 'B stays', 'C stays', 'B served', 'C stays', 'A stays']);
  });

  it('a PING sent after the moment rc2 loops is answered by the fixes', () => {
    for (const variant of ['7.2-rc3', '7.0']) {
      const { report } = run({ variant, config: { commands: [{ at: 500, text: 'PING' }] } });
      expect(report.replies[0].reply).toBe('PONG');
      expect(report.stats.newClient).toEqual({ connectAt: 1000, accepted: true, replied: true });
      expect(report.stats.ping.completed).toBeGreaterThan(20);
    }
  });
});
