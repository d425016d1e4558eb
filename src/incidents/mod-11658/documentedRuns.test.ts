import { describe, expect, it } from 'vitest';
import { presetScenario } from '../registry';
import { coreOf } from '../cores';
import type { RunReport } from './report';
import { run } from './test-helpers';
import { clientList, infoLines, threadLines } from './evidence';
import { parseKill } from '../redis/signals';
import { siAddr } from '../redis/crashReport';
import type { Simulation } from '../../engine/simulation';

const core = coreOf('mod-11658');

function preset(id: string) {
  const s = presetScenario('mod-11658', id)!;
  const sim = core.createSimulation(s);
  sim.run({ until: s.until });
  return { sim, report: core.report(sim) as RunReport, lines: core.logLines(sim).map((l) => l.line) };
}

const CHANGING = /Changing workers threadpool size/;
const DEPRECATED = 'FT.CONFIG is deprecated, please use CONFIG SET search-workers instead';

describe('Production, 30 Sep 2025', () => {
  const { report, lines } = preset('production-2025-09-30');

  it('hangs at the command and stays hung until the kill -9 at 17:00, about 8 hours later', () => {
    expect(report.outcome).toBe('deadlock');
    expect(report.deadlockWallClock).toMatch(/^30 Sep 2025 09:17:03\.7/);
    expect(report.ended?.wallClock).toBe('30 Sep 2025 17:00:00.000');
    expect(report.ended?.message).toMatch(/signal 9 \(SIGKILL\)/);
    const hours = (report.ended!.at - report.deadlockAt!) / 3_600_000;
    expect(hours).toBeGreaterThan(7.5);
    expect(hours).toBeLessThan(8.5);
  });

  it('answers no PING from the hang to the kill: each times out', () => {
    const p = report.stats.ping;
    expect(p.completed).toBe(0);
    expect(p.timedOut).toBeGreaterThan(5000);
    expect(p.sent - p.timedOut).toBeLessThanOrEqual(1);
    expect(p.unansweredSinceMs).not.toBeNull();
  });

  it('prints what 2.10.20 prints: no "Changing…" notice, no deprecation warning, and SIGKILL leaves no crash report', () => {
    expect(lines[0]).toBe('3650813:M 30 Sep 2025 09:17:03.000 * <search> Enabled workers threadpool of size 8');
    expect(lines.some((l) => CHANGING.test(l))).toBe(false);
    expect(lines.some((l) => l.includes(DEPRECATED))).toBe(false);
    expect(lines.some((l) => l.includes('crashed by signal'))).toBe(false);
    expect(lines.some((l) => l.includes('Successfully changed'))).toBe(false);
  });
});

describe('Reproduction test, 21 Oct 2025', () => {
  const { sim, report, lines } = preset('reproduction-test-2025-10-21');

  it('hangs at 12:37:51.010 and is killed by the framework at 12:42:47.252, 300 s after the test began', () => {
    expect(report.outcome).toBe('deadlock');
    expect(report.deadlockWallClock).toMatch(/^21 Oct 2025 12:37:51\.01/);
    expect(report.ended?.wallClock).toBe('21 Oct 2025 12:42:47.252');
    expect(report.cycle).toContain('main');
  });

  it('logs the deprecation warning last, then the crash report of seed 000, line for line', () => {
    expect(lines.some((l) => CHANGING.test(l))).toBe(false);
    const dep = lines.findIndex((l) => l.includes(DEPRECATED));
    expect(lines[dep]).toBe(`3650813:M 21 Oct 2025 12:37:51.010 # <search> ${DEPRECATED}`);
    const rest = lines.slice(dep + 1);
    expect(rest.slice(0, 5)).toEqual([
      '',
      '=== REDIS BUG REPORT START: Cut & paste starting from here ===',
      '3650813:M 21 Oct 2025 12:42:47.252 # Redis 255.255.255 crashed by signal: 11, si_code: 0',
      '3650813:M 21 Oct 2025 12:42:47.252 # Accessing address: 0x3e80037b4d9',
      '3650813:M 21 Oct 2025 12:42:47.252 # Killed by PID: 3650777, UID: 1000',
    ]);
  });

  it("writes each thread's simulated stack in the crash report, main first and marked", () => {
    const at = lines.indexOf('3650813 redis-server *');
    expect(at).toBeGreaterThan(0);
    const frames = report.stacks.main;
    expect(frames.slice(0, 3)).toEqual([
      'barrier_wait_and_destroy',
      'redisearch_thpool_broadcast_new_state',
      'redisearch_thpool_terminate_when_empty',
    ]);
    expect(lines.slice(at + 1, at + 1 + frames.length)).toEqual(
      frames.map((f) => expect.stringMatching(new RegExp(`\\(${f}\\)$`))),
    );
    expect(lines).toContain('redisearch.so(workersThreadPool_SetNumWorkers)');
    expect(lines).toContain('redis-server *:6379 [cluster](RedisModuleCommandDispatcher)');
    const workers = Object.keys(report.stacks).filter((id) => id.startsWith('workers-'));
    expect(workers).toHaveLength(8);
    for (const w of workers) expect(lines.some((l) => new RegExp(`^\\d+ ${w}$`).test(l))).toBe(true);
    expect(lines).toContain(
      `${Object.keys(report.stacks).length}/${Object.keys(report.stacks).length} expected stacktraces.`,
    );
  });

  it('fills the crash report’s INFO and CLIENT LIST from the run, as the evidence views do', () => {
    const info = lines.indexOf('------ INFO OUTPUT ------');
    const clients = lines.indexOf('------ CLIENT LIST OUTPUT ------');
    expect(info).toBeGreaterThan(0);
    expect(lines.slice(info + 1, clients - 1)).toEqual(infoLines(sim as never));
    expect(lines.slice(clients + 1, clients + 1 + clientList(sim as never).length)).toEqual(clientList(sim as never));
    expect(lines).toContain('redis_version:255.255.255');
    // The hung FT.CONFIG SET never returned from call(): it is not counted, but it is redis-cli's current command.
    expect(lines.some((l) => l.startsWith('cmdstat_FT.CONFIG'))).toBe(false);
    expect(lines.some((l) => /name=redis-cli .*cmd=FT\.CONFIG .*tot-cmds=0$/.test(l))).toBe(true);
    expect(lines.at(-1)).toBe("  If a Redis module was involved, please open in the module's repo instead.");
  });
});

describe('the evidence views', () => {
  const cpuOf = (sim: Simulation<unknown, unknown>, name: string) => {
    const row = threadLines(sim as never).find((l) => l.endsWith(` ${name}`))!;
    return row.trim().split(/\s+/)[2];
  };

  it('count what main served: commandstats calls equal the queries main ran, CLIENT LIST one line per connection', () => {
    const { sim } = run({ until: 400, config: { clients: 4, shards: 1 } });
    const calls = sim.trace.notes.filter((n) => n.kind === 'call');
    const stats = infoLines(sim as never).filter((l) => l.startsWith('cmdstat_'));
    const total = stats.reduce((n, l) => n + Number(/calls=(\d+)/.exec(l)![1]), 0);
    // Every call but one still inside call() at the end has returned.
    expect(total).toBeGreaterThanOrEqual(calls.length - 1);
    expect(total).toBeLessThanOrEqual(calls.length);
    const list = clientList(sim as never);
    expect(list.map((l) => /name=(\S+)/.exec(l)![1])).toEqual(['client-1', 'client-2', 'client-3', 'client-4', 'ping']);
    expect(list.every((l) => /flags=[Nb] db=0 cmd=\S+ user=default tot-cmds=\d+$/.test(l))).toBe(true);
  });

  it("show main's CPU time growing while it spins, and the stuck workers' not", () => {
    // The kill keeps the run going past the hang (the last thing left to happen is its timer).
    const commands = [
      { at: 500, text: 'FT.CONFIG SET WORKERS 0' },
      { at: 5000, text: 'kill -9 3650813' },
    ];
    const { sim } = run({ until: 6000, config: { commands } });
    expect(sim.verdict?.outcome).toBe('deadlock');
    // Main spins (CPU) from 0.5 s on: seconds of CPU by 5 s; a worker waiting on the barrier has almost none.
    expect(cpuOf(sim, 'redis-server')).toBe('00:00:04');
    expect(cpuOf(sim, 'workers-2')).toBe('00:00:00');
  });
});

describe('builds and kill', () => {
  it('2.10.20 has no search-workers: CONFIG SET answers as Redis does for an unknown option', () => {
    const { report } = run({
      config: { build: '2.10.20', commands: [{ at: 100, text: 'CONFIG SET search-workers 0' }] },
    });
    expect(report.replies[0].reply).toBe(
      "(error) ERR Unknown option or number of arguments for CONFIG SET - 'search-workers'",
    );
  });

  it('the master build prints the "Changing…" notice; master as of 21 Oct does not', () => {
    const cmd = [{ at: 500, text: 'FT.CONFIG SET WORKERS 0' }];
    expect(run({ config: { commands: cmd } }).report.log.some((l) => CHANGING.test(l))).toBe(true);
    const oct = run({ config: { build: 'master-2025-10-21', commands: cmd } }).report.log;
    expect(oct.some((l) => CHANGING.test(l))).toBe(false);
    expect(oct.some((l) => l.includes(DEPRECATED))).toBe(true);
  });

  it("answers a bad kill in bash's words, and names the signals it does not model", () => {
    expect(parseKill('PING', 7)).toBeNull();
    expect(parseKill('kill -9 8', 7)).toEqual({ ok: false, error: 'bash: kill: (8) - No such process' });
    expect(parseKill('kill -9', 7)).toEqual({
      ok: false,
      error: 'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid',
    });
    expect(parseKill('kill -FOO 7', 7)).toEqual({ ok: false, error: 'bash: kill: FOO: invalid signal specification' });
    expect(parseKill('kill -TERM 7', 7)).toMatchObject({ ok: false, error: expect.stringMatching(/not modelled/) });
    expect(parseKill('kill -s SEGV $(pidof redis-server)', 7)).toEqual({
      ok: true,
      signal: { number: 11, name: 'SIGSEGV' },
    });
  });

  it('a kill ends a healthy run too, and the reply says what was sent', () => {
    const { sim, report } = run({ config: { commands: [{ at: 300, text: 'kill -9 3650813' }] } });
    expect(report.outcome).toBe('crash');
    expect(sim.t).toBeCloseTo(300, 5);
    expect(report.replies[0].reply).toBe('(redis-server, pid 3650813, was sent SIGKILL)');
  });

  it("reads seed 000's address as the sender's uid and pid", () => {
    expect(siAddr(3650777, 1000)).toBe('0x3e80037b4d9');
  });

  it('a PING timeout changes nothing on a server that answers', () => {
    const { report } = run({ until: 3000, config: { pingTimeoutMs: 50 } });
    expect(report.stats.ping.timedOut).toBe(0);
    expect(report.stats.ping.completed).toBeGreaterThan(20);
  });
});
