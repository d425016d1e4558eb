/**
 * The upstream regression scenarios (test_mod_11658_*), run on the model:
 * WORKERS 8, 20 clients, every query needs LOAD, FT.CONFIG SET WORKERS 0.
 */
import { describe, expect, it } from 'vitest';
import { logMessages, run, stuckAtSpin, scenario } from './test-helpers';
import type { PoolContext } from '../../machines/mod-11658/threadPool';

const TO_ZERO = [{ at: 500, text: 'FT.CONFIG SET WORKERS 0' }];
const SEEDS = Array.from({ length: 12 }, (_, i) => i + 1);

describe('8 -> 0 under load, prefix (as production ran it)', () => {
  const runs = SEEDS.map((seed) => ({ seed, ...stuckAtSpin(scenario({ seed, config: { commands: TO_ZERO } })) }));

  it('hangs exactly when a worker was bound for the GIL as main began to spin', () => {
    for (const r of runs) {
      expect(r.bound, `seed ${r.seed}`).not.toBeNull();
      expect(r.sim.verdict !== null, `seed ${r.seed}`).toBe(r.bound!.length > 0);
    }
    expect(runs.filter((r) => r.sim.verdict).length).toBeGreaterThan(0);
  });

  it('a hung run looks like the incident: silence after "Changing…", no reply, the crash-report stack', () => {
    const hung = runs.find((r) => r.sim.verdict)!;
    const { sim } = hung;
    expect(logMessages(sim).slice(-2)).toEqual([
      'FT.CONFIG is deprecated, please use CONFIG SET search-workers instead',
      'Changing workers threadpool size from 8 to 0',
    ]);
    expect(sim.verdict!.cycle[0]).toBe('main');
    expect(sim.verdict!.cycle).toContain('gil');
    expect(sim.verdict!.explanation).toMatch(
      /^main holds the GIL and spins in barrier_wait_and_destroy \(redisearch_thpool_terminate_when_empty\)/,
    );
    expect(sim.incident.stack(sim.view, 'main').slice(0, 8)).toEqual([
      'barrier_wait_and_destroy',
      'redisearch_thpool_broadcast_new_state',
      'redisearch_thpool_terminate_when_empty',
      'workersThreadPool_SetNumWorkers',
      'setWorkThreads',
      'RSConfig_SetOption',
      'ConfigCommand',
      'RedisModuleCommandDispatcher',
    ]);
    const stuck = sim.verdict!.cycle.find((n) => n.startsWith('workers-'))!;
    expect(sim.incident.stack(sim.view, stuck).slice(0, 2)).toEqual([
      'RedisModule_ThreadSafeContextLock',
      'rpSafeLoaderNext_Accumulate',
    ]);
  });

  it('a command sent to the hung server gets no reply', () => {
    const seed = runs.find((r) => r.sim.verdict)!.seed;
    const { report } = run({ seed, config: { commands: [...TO_ZERO, { at: 900, text: 'PING' }] } });
    expect(report.outcome).toBe('deadlock');
    expect(report.replies.map((r) => [r.command, r.reply])).toEqual([
      ['FT.CONFIG SET WORKERS 0', null],
      ['PING', null],
    ]);
    expect(report.stats.pending).toBeGreaterThan(0);
  });
});

describe('8 -> 0 under load, fixed (#7410)', () => {
  for (const seed of SEEDS.slice(0, 6)) {
    it(`seed ${seed}: OK, queries keep succeeding, every worker exits`, () => {
      const { sim, report } = run({ seed, variant: 'fixed', config: { commands: TO_ZERO } });
      expect(report.outcome).toBe('ok');
      expect(report.replies[0].reply).toBe('OK');
      const after = sim.trace.notes.filter((n) => n.kind === 'completed' && n.t > 600 && n.data.client !== 'ping');
      expect(after.length).toBeGreaterThan(100);
      const pool = sim.snapshot('thpool')!.context as PoolContext;
      expect(pool.alive).toEqual([]);
      const messages = logMessages(sim).filter(
        (m) => !m.startsWith('Creating') && !m.startsWith('Thread pool of size'),
      );
      expect(messages.filter((m) => !m.startsWith('Terminating'))).toEqual([
        'Enabled workers threadpool of size 8',
        'FT.CONFIG is deprecated, please use CONFIG SET search-workers instead',
        'Changing workers threadpool size from 8 to 0',
        'Scheduling config_reduce_threads_job to remove all 8 threads when empty',
        'Scheduling from main thread to remove 8 threads',
        'Disabled workers threadpool of size 8',
        'Successfully changed configuration for `WORKERS`',
      ]);
      expect(messages.filter((m) => m.startsWith('Terminating')).length).toBe(8);
      expect(messages.lastIndexOf('Successfully changed configuration for `WORKERS`')).toBeLessThan(
        messages.indexOf(messages.find((m) => m.startsWith('Terminating'))!),
      );
    });
  }
});

describe('the other upstream tests', () => {
  it('0 -> 8 under load works (test_workers_zero_to_nonzero)', () => {
    const { sim, report } = run({
      config: { workers: 0, commands: [{ at: 300, text: 'CONFIG SET search-workers 8' }] },
    });
    expect(report.outcome).toBe('ok');
    expect(report.replies[0].reply).toBe('OK');
    const log = logMessages(sim);
    expect(log[0]).toBe('Disabled workers threadpool of size 0');
    expect(log).toContain('Enabled workers threadpool of size 8');
    expect(log).toContain('Thread pool of size 8 created successfully');
    expect(log).not.toContain('FT.CONFIG is deprecated, please use CONFIG SET search-workers instead');
    const onWorkers = sim.trace.lanes.get('workers-1')!.some((s) => s.state === 'scanning');
    expect(onWorkers).toBe(true);
  });

  for (const variant of ['prefix', 'fixed']) {
    it(`8 -> 4 -> 2 -> 1 -> 0 without load works (${variant})`, () => {
      const commands = [
        { at: 10, text: 'FT.SEARCH idx *' },
        { at: 100, text: 'FT.CONFIG SET WORKERS 4' },
        { at: 200, text: 'FT.CONFIG SET WORKERS 2' },
        { at: 300, text: 'FT.CONFIG SET WORKERS 1' },
        { at: 400, text: 'FT.CONFIG SET WORKERS 0' },
        { at: 500, text: 'FT.CONFIG GET WORKERS' },
      ];
      const { sim, report } = run({ variant, config: { clients: 0, commands } });
      expect(report.outcome).toBe('ok');
      expect(report.replies.slice(1, 5).map((r) => r.reply)).toEqual(['OK', 'OK', 'OK', 'OK']);
      expect(report.replies[5].reply).toBe('1) 1) "WORKERS"\n   2) "0"');
      const log = logMessages(sim);
      if (variant === 'prefix') {
        for (const n of [4, 2, 1]) expect(log).toContain(`Thread pool size decreased to ${n} successfully`);
      } else {
        for (const n of [4, 2, 1])
          expect(log).toContain(`Scheduling config_reduce_threads_job to remove ${n} threads ASAP`);
      }
      expect(log).toContain('Disabled workers threadpool of size 1');
      const pool = sim.snapshot('thpool')!.context as PoolContext;
      expect(pool.alive).toEqual([]);
    });
  }
});

describe('the residual risk in the fixed code (section 7)', () => {
  it('a quick 8 -> 0 -> 8 while old threads still drain GIL-needing jobs can rebuild the cycle through verify_init', () => {
    const commands = [
      { at: 300, text: 'FT.CONFIG SET WORKERS 0' },
      { at: 300.05, text: 'FT.CONFIG SET WORKERS 8' },
    ];
    const reports = [1, 2, 3, 4, 5, 6, 7, 8].map(
      (seed) => run({ seed, variant: 'fixed', until: 800, config: { commands } }).report,
    );
    const hung = reports.filter((r) => r.outcome === 'deadlock');
    expect(hung.length).toBeGreaterThan(0);
    for (const r of hung) {
      expect(r.stacks.main.slice(0, 3)).toEqual([
        'barrier_wait_and_destroy',
        'verify_init',
        'redisearch_thpool_add_work',
      ]);
      expect(r.explanation).toMatch(/barrier_wait_and_destroy \(verify_init\)/);
    }
  });

  it('two clients in the same millisecond asking for WORKERS 1 and 0 can arrive as 0 then 1: the revive path again', () => {
    const commands = [
      { at: 24, text: 'FT.CONFIG SET WORKERS 1' },
      { at: 24, text: 'CONFIG SET search-workers 0' },
    ];
    const { report } = run({ seed: 1, variant: 'fixed', until: 600, config: { workers: 8, commands } });
    const [one, zero] = report.replies;
    expect(zero.repliedAt).toBeLessThan(one.repliedAt ?? Infinity);
    expect(report.outcome).toBe('deadlock');
    expect(report.stacks.main.slice(0, 2)).toEqual(['barrier_wait_and_destroy', 'verify_init']);
  });
});
