import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { parseOptions, parseCmd } from './options';
import { runExploreGrid } from './exploreGrid';
import { timeCapped } from './progress';
import { coreOf } from '../incidents/cores';

const sim = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', ...args], { encoding: 'utf8', cwd: process.cwd() });

describe('option parsing', () => {
  it('reads a whole scenario', () => {
    const o = parseOptions([
      '--variant',
      'fixed',
      '--workers',
      '4',
      '--clients=10',
      '--shards',
      '3',
      '--load-fraction',
      '0.5',
      '--seed',
      '7',
      '--until',
      '30s',
      '--cmd',
      '1s:FT.CONFIG SET WORKERS 0',
      '--json',
    ]);
    expect(o.json).toBe(true);
    expect(o.scenario).toMatchObject({ variant: 'fixed', seed: 7, until: 30_000 });
    expect(o.scenario.settings).toMatchObject({
      workers: 4,
      clients: 10,
      shards: 3,
      loadFraction: 0.5,
    });
    expect(o.scenario.commands).toEqual([{ at: 1000, text: 'FT.CONFIG SET WORKERS 0' }]);
  });

  it.each([
    [['--workers', '17'], "--workers must be an integer from 0 to 16 (got '17')"],
    [['--workers', 'abc'], "--workers must be an integer from 0 to 16 (got 'abc')"],
    [['--load-fraction', '1.5'], "--load-fraction must be a number from 0 to 1 (got '1.5')"],
    [
      ['--variant', 'nope'],
      "--variant must be one of prefix, fixed, trigger-first, drain-connections, barrier-timeout, unlock-gil (got 'nope')",
    ],
    [['--until', 'soon'], "--until must be a time such as 30s, 1500ms or 2m (got 'soon')"],
    [
      ['--cmd', 'FT.CONFIG SET WORKERS 0'],
      `--cmd must be "TIME:COMMAND", e.g. "1s:FT.CONFIG SET WORKERS 0" (got 'FT.CONFIG SET WORKERS 0')`,
    ],
    [['--cmd', 'soon:PING'], "--cmd time must be such as 1s or 1500ms (got 'soon' in 'soon:PING')"],
    [['--cmd', '1s:'], "--cmd has no command after the time (got '1s:')"],
    [['--frobnicate'], "unknown option '--frobnicate' (see --help)"],
    [['--workers'], '--workers needs a value: an integer from 0 to 16'],
  ])('%j -> %s', (argv, message) => {
    expect(() => parseOptions(argv)).toThrow(message);
  });

  it('splits --cmd at the first colon only', () => {
    expect(parseCmd('1.5s:FT.SEARCH idx @category:{electronics}')).toEqual({
      at: 1500,
      text: 'FT.SEARCH idx @category:{electronics}',
    });
  });
});

describe('the runner, as a user runs it', () => {
  it('sweep: a table of hangs per injection moment and load, over every core', () => {
    const r = sim('sweep', '--seeds', '3', '--at', '8,12', '--clients', '20', '--load-fractions', '0,1');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/inject at\s+20c 0L\s+20c 1L/);
    expect(r.stdout).toMatch(/^\s+8 ms\s+0\/3\s+\d\/3$/m);
    expect(r.stdout).toMatch(/12 runs in [\d.]+ s on \d+ cores/);
    expect(sim('sweep', '--seeds', 'x').status).toBe(2);
  });

  it('explore --json: the verdict, the figures and a counterexample that replays', () => {
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/sim.ts', 'explore', '--variant', 'prefix', '--json'],
      {
        encoding: 'utf8',
      },
    );
    const j = JSON.parse(out);
    for (const k of ['verdict', 'states', 'statesPerSecond', 'seconds', 'counterexample']) expect(j).toHaveProperty(k);
    expect(j.verdict).toBe('deadlock-reachable');
    expect(j.counterexample.schedule.length).toBeGreaterThan(0);
    expect(j.counterexample.replayedOutcome).toBe('deadlock');
    const bad = sim('explore', '--variant', 'nope');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('lockstep sim explore: --variant must be one of prefix, fixed');
  });

  it('explore-grid: the header and each row as it finishes, cut per configuration by --max-seconds', () => {
    const lines: string[] = [];
    const rest = runExploreGrid(['--max-states', '60', '--max-seconds', '30'], (l) => lines.push(l));
    expect(lines[0]).toBe(
      'Lockstep explore-grid \u00b7 MOD-11658 \u00b7 160 configurations \u00b7 at most 60 states and 30 s each',
    );
    expect(lines).toHaveLength(161);
    expect(lines[3]).toMatch(/^prefix {2}N 1 -> M 0 {2}Q 1 {2}LOAD 1 {2}deadlock-reachable +\d+ states/);
    // The rows were printed already: only the totals are left.
    expect(rest).toMatch(/^Totals: [\d,]+ states in [\d.]+ s; \d+ incomplete; 0 mismatches$/);
    expect(sim('explore-grid', '--max-seconds', '0').stderr).toContain(
      "lockstep sim explore-grid: --max-seconds must be a number from 0.1 to 86400 (got '0')",
    );
  });

  it('a wall-clock cap ends a long search as incomplete, with progress on the way', () => {
    const seen: number[] = [];
    const r = coreOf('mod-11658').explore(
      'fixed',
      { workers: 4, target: 0, queries: 3, loadFraction: 1 },
      timeCapped(0.2, {}, (p) => seen.push(p.states), 0),
    );
    expect(r.verdict).toBe('incomplete');
    expect(seen.length).toBeGreaterThan(0);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBeLessThanOrEqual(r.states);
  });

  it('bad options: a message naming the option, exit code 2', () => {
    const r = sim('--workers', '99');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("lockstep sim: --workers must be an integer from 0 to 16 (got '99')");
  });

  it('--json prints one object with the documented fields', () => {
    const out = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/sim.ts',
        '--until',
        '700ms',
        '--cmd',
        '500ms:FT.CONFIG SET WORKERS 0',
        '--cmd',
        '600ms:FT.CONFIG SET WORKERS 17',
        '--json',
      ],
      {
        encoding: 'utf8',
      },
    );
    const j = JSON.parse(out);
    for (const k of ['outcome', 'deadlockAt', 'cycle', 'explanation', 'replies', 'log', 'stacks', 'stats', 'steps'])
      expect(j).toHaveProperty(k);
    expect(['deadlock', 'ok']).toContain(j.outcome);
    expect(j.replies.map((r: { command: string }) => r.command)).toEqual([
      'FT.CONFIG SET WORKERS 0',
      'FT.CONFIG SET WORKERS 17',
    ]);
    if (j.outcome === 'ok') expect(j.replies[1].reply).toBe('(error) Number of worker threads cannot exceed 16');
    else expect(j.replies[1].reply).toBeNull();
  });

  it("--help lists every incident and each one's options", () => {
    const r = sim('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Options of mod-11658');
    expect(r.stdout).toContain('Options of redis-12290 (variants: 7.2-rc2, 7.2-rc3, 7.0)');
    expect(r.stdout).toMatch(/--subscribers N\s+subscriber processes/);
    const bad = sim('--incident', 'nope');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--incident must be one of mod-11658, redis-12290');
  });

  it('--incident redis-12290 --json: main loops forever and a PING after it gets null', () => {
    const j = JSON.parse(
      execFileSync(
        process.execPath,
        [
          '--import',
          'tsx',
          'src/cli/sim.ts',
          '--incident',
          'redis-12290',
          '--until',
          '1s',
          '--cmd',
          '800ms:PING',
          '--json',
        ],
        { encoding: 'utf8' },
      ),
    );
    expect(j.incident).toBe('redis-12290');
    expect(j.outcome).toBe('livelock');
    expect(j.cycle).toEqual(['main']);
    expect(j.livelockAt).toBeLessThan(800);
    expect(j.replies).toEqual([expect.objectContaining({ command: 'PING', reply: null })]);
    expect(j.stats.subscribers).toHaveLength(3);
    const two = JSON.parse(
      execFileSync(
        process.execPath,
        [
          '--import',
          'tsx',
          'src/cli/sim.ts',
          '--incident',
          'redis-12290',
          '--subscribers',
          '2',
          '--until',
          '1s',
          '--cmd',
          '800ms:PING',
          '--json',
        ],
        { encoding: 'utf8' },
      ),
    );
    expect(two.outcome).toBe('ok');
    expect(two.replies[0].reply).toBe('PONG');
  });

  it('explore --incident redis-12290: the loop is reachable in 7.2-rc2, with a turn that replays into it', () => {
    const run = (variant: string, ...more: string[]) =>
      JSON.parse(
        execFileSync(
          process.execPath,
          [
            '--import',
            'tsx',
            'src/cli/sim.ts',
            'explore',
            '--incident',
            'redis-12290',
            '--variant',
            variant,
            ...more,
            '--json',
          ],
          { encoding: 'utf8' },
        ),
      );
    const rc2 = run('7.2-rc2', '--subscribers', '3');
    expect(rc2.verdict).toBe('livelock-reachable');
    expect(rc2.counterexample.loop.length).toBeGreaterThan(0);
    expect(rc2.counterexample.replayedOutcome).toBe('livelock');
    expect(run('7.2-rc3', '--subscribers', '3').verdict).toBe('safe');
    expect(run('7.2-rc2', '--subscribers', '2', '--serve', '0').verdict).toBe('livelock-reachable');
    expect(run('7.2-rc2', '--subscribers', '2', '--serve', '1').verdict).toBe('safe');
  });
});
