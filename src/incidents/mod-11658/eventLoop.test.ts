/**
 * The main thread's event loop as Redis runs it: one aeProcessEvents
 * iteration serves the events epoll_wait returned, then beforeSleep releases
 * the GIL (moduleReleaseGIL) and afterSleep takes it again, however many
 * events arrived meanwhile. Under saturation the workers still get the GIL;
 * a thread that waits for it too long is reported as starved.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from './scenario';
import { run, scenario } from './test-helpers';
import { starvedWaits } from './report';
import { core } from './core';
import { DEFAULT_COSTS } from './config';
import type { MainContext } from '../../machines/mod-11658/plan';
import type { MutexContext } from '../../machines/mutex';
import type { PoolContext } from '../../machines/mod-11658/threadPool';
import type { WaitInterval } from '../../engine/trace';

const owner = (sim: ReturnType<typeof createSimulation>) => (sim.snapshot('gil')!.context as MutexContext).owner;

describe('one aeProcessEvents iteration', () => {
  // WORKERS 0: the search runs inline on main for about 0.3 ms; PING and CONFIG GET arrive while it runs.
  const commands = [
    { at: 10, text: 'FT.SEARCH idx *' },
    { at: 10.05, text: 'PING' },
    { at: 10.06, text: 'FT.CONFIG GET WORKERS' },
  ];

  it('serves only the events ready at its start; what arrives during it waits for the next one, after beforeSleep', () => {
    const sim = createSimulation(scenario({ until: 20, config: { workers: 0, clients: 0, ping: false, commands } }));
    const seen: { key: string; t: number; state: string; numevents?: number; owner: string | null }[] = [];
    for (let m = sim.stepOnce(undefined, 20); m; m = sim.stepOnce(undefined, 20)) {
      if (m.actor !== 'main') continue;
      const ev = m.event as { type: string; numevents?: number; id?: string };
      seen.push({
        key: ev.type === 'CMD' ? `CMD ${ev.id}` : ev.type,
        t: sim.t,
        state: sim.snapshot('main')!.value as string,
        numevents: ev.numevents,
        owner: owner(sim),
      });
      if (ev.type === 'FIRED' && ev.numevents === 1) {
        // epoll_wait returned the search alone: PING and CONFIG GET are not there yet.
        expect(sim.view.mailbox('main').filter((x) => x.at <= sim.t)).toEqual([]);
      }
    }
    expect(seen.map((s) => s.key)).toEqual([
      'CMD cmd-1',
      'FIRED',
      'EXEC_DONE',
      'SCAN_DONE',
      'LOAD_DONE',
      'BEFORE_SLEEP',
      'CMD cmd-2',
      'FIRED',
      'EXEC_DONE',
      'CMD cmd-3',
      'EXEC_DONE',
      'BEFORE_SLEEP',
    ]);
    expect(seen.filter((s) => s.key === 'FIRED').map((s) => s.numevents)).toEqual([1, 2]);
    // The search's iteration ends with moduleReleaseGIL although PING and CONFIG GET had arrived.
    const release = seen.findIndex((s) => s.key === 'BEFORE_SLEEP');
    expect(seen[release - 1].state).toBe('beforeSleep');
    expect(seen[release].owner).toBeNull();
    expect(seen[release].state).toBe('sleeping');
    // PING and CONFIG GET are one iteration: from afterSleep to the last one, no beforeSleep, the GIL held.
    const second = seen.slice(release + 2, -2);
    expect(second.map((s) => [s.key, s.state, s.owner])).toEqual([
      ['FIRED', 'executing', 'main'],
      ['EXEC_DONE', 'awake', 'main'],
      ['CMD cmd-3', 'executing', 'main'],
    ]);
    expect(sim.trace.handoffs.filter((h) => h.lock === 'gil').map((h) => h.to)).toEqual(['main', null, 'main', null]);
    const replies = run({ until: 20, config: { workers: 0, clients: 0, ping: false, commands } }).report.replies;
    expect(replies.map((r) => r.reply)).toEqual(['1) (integer) 1000', 'PONG', '1) 1) "WORKERS"\n   2) "0"']);
  });

  it('between iterations main sleeps with no batch open, and each iteration went through beforeSleep', () => {
    const sim = createSimulation(scenario({ until: 20, config: { workers: 0, clients: 0, ping: false, commands } }));
    sim.run({ until: 20 });
    const main = sim.snapshot('main')!;
    expect(main.value).toBe('sleeping');
    expect((main.context as MainContext).fired).toBeNull();
    expect(sim.trace.lanes.get('main')!.filter((s) => s.state === 'beforeSleep').length).toBe(2);
  });

  it('under untimed semantics the iteration is unbounded: beforeSleep may come at any point, as the explorer needs', () => {
    const sim = createSimulation(
      scenario({ until: Infinity, untimed: true, config: { workers: 0, clients: 0, ping: false, commands } }),
    );
    expect((sim.snapshot('main')!.context as MainContext).untimed).toBe(true);
    sim.run({ maxSteps: 200 });
    expect(sim.trace.lanes.get('main')!.some((s) => s.state === 'polled' || s.state === 'beforeSleep')).toBe(false);
  });
});

describe('WORKERS 0 under saturation, fixed: the GIL is handed off at beforeSleep', () => {
  const AT = 500;
  // test_mod_11658 requires the worker threads to be gone within 10 s.
  const LIMIT = AT + 10_000;
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: 16 workers, 200 clients: every worker exits within 10 s of FT.CONFIG SET WORKERS 0`, () => {
      const sim = createSimulation(
        scenario({
          seed,
          variant: 'fixed',
          until: LIMIT,
          config: { workers: 16, clients: 200, commands: [{ at: AT, text: 'FT.CONFIG SET WORKERS 0' }] },
        }),
      );
      const pool = () => sim.snapshot('thpool')!.context as PoolContext;
      // beforeSleep with events already waiting: the old loop would have served them and kept the GIL.
      let busyReleases = 0;
      for (;;) {
        const wasBeforeSleep = sim.snapshot('main')!.value === 'beforeSleep';
        const waiting = sim.view.mailbox('main').filter((m) => m.at <= sim.t).length;
        const m = sim.stepOnce(undefined, LIMIT);
        if (!m) break;
        if (wasBeforeSleep && m.event.type === 'BEFORE_SLEEP' && sim.t > AT && waiting > 0) busyReleases++;
        if (sim.t > AT && pool().alive.length === 0) break;
      }
      expect(sim.verdict).toBeNull();
      expect(pool().alive).toEqual([]);
      expect(sim.t).toBeLessThanOrEqual(LIMIT);
      const exits = sim.trace.log.filter((l) => l.message.startsWith('Terminating thread workers-'));
      expect(exits.length).toBe(16);
      for (const e of exits) expect(e.t - AT).toBeLessThan(10_000);
      expect(busyReleases).toBeGreaterThan(0);
      // The workers parked in RedisModule_ThreadSafeContextLock got the GIL after the command.
      const toWorkers = sim.trace.handoffs.filter((h) => h.lock === 'gil' && h.t > AT && h.to?.startsWith('workers-'));
      expect(new Set(toWorkers.map((h) => h.to)).size).toBeGreaterThan(0);
      for (const h of toWorkers) expect(h.from).toBeNull();
      const reply = sim.trace.notes.find((n) => n.kind === 'reply');
      expect(reply?.data.reply).toEqual({ kind: 'status', value: 'OK' });
    });
  }
});

describe('starvation is a finding', () => {
  const wait = (from: string, start: number, end: number): WaitInterval => ({
    from,
    to: 'gil',
    kind: 'waits for lock',
    start,
    startStep: 0,
    end,
    endStep: Number.isNaN(end) ? NaN : 1,
  });

  it('the rule: GIL waits longer than the threshold, up to the end of the run or the hang, longest first', () => {
    const waits = [
      wait('workers-1', 100, 900),
      wait('workers-2', 100, 1200),
      wait('workers-3', 500, NaN),
      wait('main', 10, 2000),
      { ...wait('workers-4', 0, 5000), to: 'barrier-1', kind: 'waits at barrier' },
      wait('workers-5', 3000, NaN),
    ];
    expect(starvedWaits(waits, 2500, 1000)).toEqual([
      { thread: 'workers-3', from: 500, waitedMs: 2000, ongoing: true },
      { thread: 'main', from: 10, waitedMs: 1990, ongoing: false },
      { thread: 'workers-2', from: 100, waitedMs: 1100, ongoing: false },
    ]);
    // A wait that outlasts the horizon (a hang) counts only up to it.
    expect(starvedWaits([wait('workers-1', 0, 5000)], 800, 500)).toEqual([
      { thread: 'workers-1', from: 0, waitedMs: 800, ongoing: true },
    ]);
    expect(starvedWaits(waits, 2500, 5000)).toEqual([]);
  });

  it('the loop before this model, on a hand-built trace: 16 workers parked from 0.5 s to 20 s are 16 starved threads', () => {
    const waits = Array.from({ length: 16 }, (_, i) => wait(`workers-${i + 1}`, 500 + i * 0.01, NaN));
    const starved = starvedWaits(waits, 20_000, 1000);
    expect(starved.length).toBe(16);
    for (const s of starved) expect(s.ongoing && s.waitedMs > 19_000).toBe(true);
  });

  it('an otherwise ok run where each LOAD holds the GIL for 10 ms reports the workers that waited over 1 s, and says so', () => {
    const { report } = run({
      seed: 1,
      variant: 'fixed',
      until: 3000,
      config: {
        workers: 16,
        clients: 200,
        costs: { ...DEFAULT_COSTS, load: 10 },
        commands: [{ at: 500, text: 'FT.CONFIG SET WORKERS 0' }],
      },
    });
    expect(report.outcome).toBe('ok');
    expect(report.starvationMs).toBe(1000);
    expect(report.starved.length).toBeGreaterThan(0);
    for (const s of report.starved) {
      expect(s.thread).toMatch(/^(workers-\d+|main)$/);
      expect(s.waitedMs).toBeGreaterThan(1000);
      expect(s.from + s.waitedMs).toBeLessThanOrEqual(report.virtualTimeMs + 1e-9);
    }
    const line = core.summarize(report).find((l) => l.startsWith('Starvation:'));
    expect(line).toMatch(/^Starvation: \d+ threads? waited longer than 1 s for the GIL: workers-\d+ from /);
  });

  it('the threshold is configurable, and a run with no long wait has no Starvation line', () => {
    const at = (starvationMs: number) =>
      run({ seed: 1, variant: 'fixed', until: 300, config: { workers: 8, clients: 20, starvationMs } }).report;
    const lax = at(1000);
    expect(lax.starved).toEqual([]);
    expect(core.summarize(lax).some((l) => l.startsWith('Starvation:'))).toBe(false);
    const strict = at(0.05);
    expect(strict.starvationMs).toBe(0.05);
    expect(strict.starved.length).toBeGreaterThan(0);
    expect(core.summarize(strict).some((l) => l.startsWith('Starvation:'))).toBe(true);
  });

  it('the waits of a hung run are the hang, not starvation: counted only up to the moment it hung', () => {
    const { sim, report } = run({
      seed: 1,
      until: 3000,
      config: { commands: [{ at: 500, text: 'FT.CONFIG SET WORKERS 0' }] },
    });
    expect(report.outcome).toBe('deadlock');
    expect(report.starved).toEqual([]);
    // Measured to the end of the scenario instead, the worker in the cycle would look starved.
    const stuck = report.cycle.find((n) => n.startsWith('workers-'));
    expect(starvedWaits(sim.trace.waits, 3000, 1000).map((s) => s.thread)).toContain(stuck);
  });
});
