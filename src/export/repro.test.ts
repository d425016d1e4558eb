/**
 * The reproduction scripts, through the seam (`IncidentInfo.reproScript`):
 * they carry the scenario's values and commands, and Python compiles them
 * and reads their constants back as the scenario's.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { coreOf } from '../incidents/cores';
import { defaultScenario, infoOf, presetScenario } from '../incidents/registry';
import type { Scenario } from '../incidents/module';

function findPython(): string | null {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return 'python3';
  } catch {
    return null;
  }
}
const PYTHON = findPython();
const NO_PYTHON = ' (skipped: python3 is not on PATH, so the script cannot be compiled here)';
const withPython = PYTHON ? it : it.skip;

const dir = mkdtempSync(join(tmpdir(), 'lockstep-repro-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The script's top-level constants, as Python reads them (literal_eval of each assignment). */
const READ_CONSTANTS = `
import ast, json, sys
tree = ast.parse(open(sys.argv[1], encoding='utf-8').read())
out = {}
for node in tree.body:
    if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
        try:
            out[node.targets[0].id] = ast.literal_eval(node.value)
        except ValueError:
            pass
print(json.dumps(out))
`;

function compile(script: { filename: string; text: string }): Record<string, unknown> {
  const file = join(dir, script.filename);
  writeFileSync(file, script.text);
  execFileSync(PYTHON!, ['-m', 'py_compile', file], { stdio: 'pipe' });
  return JSON.parse(execFileSync(PYTHON!, ['-c', READ_CONSTANTS, file], { encoding: 'utf-8' }));
}

const script = (s: Scenario, withReport = false) => {
  const info = infoOf(s.incident);
  let report;
  if (withReport) {
    const core = coreOf(s.incident);
    const sim = core.createSimulation(s);
    sim.run({ until: s.until, maxSteps: 1_000_000 });
    report = core.report(sim);
  }
  return info.reproScript!(s, report);
};

function mod11658(): Scenario {
  const d = defaultScenario('mod-11658');
  return {
    ...d,
    variant: 'fixed',
    seed: 7,
    until: 900,
    settings: { ...d.settings, workers: 6, clients: 13, loadFraction: 0.5, think: 2.5, queries: 4000 },
    commands: [
      { at: 612.5, text: 'CONFIG SET search-workers 2' },
      { at: 300, text: 'FT.SEARCH idx "searchable item"' },
      { at: 700, text: 'FT.CONFIG SET WORKERS 0' },
      { at: 800, text: 'PING "unbalanced' },
    ],
  };
}

function redis12290(): Scenario {
  const d = defaultScenario('redis-12290');
  return {
    ...d,
    seed: -3,
    settings: { ...d.settings, subscribers: 4, blockMs: 1500, feederIntervalMs: 250, serve: false, connectAtMs: null },
    commands: [
      { at: 1250, text: 'XLEN tasks_queue' },
      { at: 1500, text: 'PING' },
    ],
  };
}

describe('MOD-11658 reproduction script', () => {
  it('is an RLTest test named after the scenario, with its settings and commands at their moments', () => {
    const { filename, text } = script(mod11658());
    expect(filename).toBe('test_lockstep_mod_11658_fixed_seed7.py');
    expect(text).toContain('def test_lockstep_mod_11658_fixed_seed7():');
    expect(text).toContain("Env(moduleArgs=f'WORKERS {WORKERS}')");
    for (const line of [
      'WORKERS = 6',
      'CLIENTS = 13',
      'LOAD_FRACTION = 0.5',
      'THINK_S = 0.0025',
      'TOTAL_QUERIES = 4000',
    ])
      expect(text).toContain(line);
    expect(text).toContain('(0.6125, "CONFIG SET search-workers 2", ["CONFIG", "SET", "search-workers", "2"])');
    expect(text).toContain('(0.3, "FT.SEARCH idx \\"searchable item\\"", ["FT.SEARCH", "idx", "searchable item"])');
    expect(text).toContain('at 612.5 ms: CONFIG SET search-workers 2');
    expect(text).toContain('left out (redis-cli refuses it): PING "unbalanced');
    expect(text).toContain('FINAL_WORKERS = 0');
    expect(text).toContain('FT.AGGREGATE');
    expect(text).toContain("getWorkersThpoolStats(env)['numThreadsAlive']");
  });

  it('in a cluster, runs on an OSS cluster of the scenario’s shards', () => {
    const d = defaultScenario('mod-11658');
    const { text } = script({ ...d, settings: { ...d.settings, shards: 3 } });
    expect(text).toContain("env='oss-cluster', shardsCount=SHARDS");
    expect(text).toContain('SHARDS = 3');
  });

  it('says what Lockstep’s run came to when it has the report', () => {
    const { text } = script({ ...defaultScenario('mod-11658'), until: 700 }, true);
    expect(text).toMatch(/Lockstep's run of it: deadlock at [\d.]+ ms/);
    expect(text).toContain('at 500 ms FT.CONFIG SET WORKERS 0 -> no reply');
  });

  withPython(`compiles, and Python reads back the scenario's values${PYTHON ? '' : NO_PYTHON}`, () => {
    const c = compile(script(mod11658(), true));
    expect(c).toMatchObject({ SEED: 7, WORKERS: 6, CLIENTS: 13, UNTIL_S: 0.9, FINAL_WORKERS: 0, MIX: 'random' });
    expect(c.COMMANDS).toEqual([
      [0.3, 'FT.SEARCH idx "searchable item"', ['FT.SEARCH', 'idx', 'searchable item']],
      [0.6125, 'CONFIG SET search-workers 2', ['CONFIG', 'SET', 'search-workers', '2']],
      [0.7, 'FT.CONFIG SET WORKERS 0', ['FT.CONFIG', 'SET', 'WORKERS', '0']],
    ]);
    expect(c.EXPECT_OK).toEqual(['CONFIG SET search-workers 2', 'FT.CONFIG SET WORKERS 0']);
    expect((c.QUERIES as unknown[][]).some((q) => q[0] === 'FT.AGGREGATE' && q[2] === true)).toBe(true);
    compile(script(defaultScenario('mod-11658')));
  });
});

describe('Redis #12290 reproduction script', () => {
  it('is the report’s subscribers, feeder and PING monitor, with the scenario’s values', () => {
    const { filename, text } = script(redis12290());
    expect(filename).toBe('repro_redis_12290_7_2_rc2_seedm3.py');
    expect(text).toContain("consumername=f'testuser-{user_id}'");
    expect(text).toContain("streams={'tasks_queue': '>'}, block=BLOCK_MS, count=1");
    expect(text).toContain("r.xadd(name='tasks_queue', fields=fields, id='*', maxlen=MAXLEN, approximate=False)");
    expect(text).toContain("fields = {'task_uuid': str(uuid.uuid4())}");
    for (const line of ['SUBSCRIBERS = 4', 'BLOCK_MS = 1500', 'FEEDER_INTERVAL_S = 0.25', 'SERVE = False'])
      expect(text).toContain(line);
    expect(text).toContain('CONNECT_AT_S = None');
    expect(text).toContain('(1.25, "XLEN tasks_queue", ["XLEN", "tasks_queue"])');
    expect(text).toContain('at 1250 ms: XLEN tasks_queue');
  });

  it('says what Lockstep’s run came to when it has the report', () => {
    const { text } = script(defaultScenario('redis-12290'), true);
    expect(text).toMatch(/Lockstep's run of it: endless loop proved at [\d.]+ ms/);
    expect(text).toContain('at 1500 ms PING -> no reply');
  });

  withPython(`compiles, and Python reads back the scenario's values${PYTHON ? '' : NO_PYTHON}`, () => {
    const c = compile(script(redis12290(), true));
    expect(c).toMatchObject({ SUBSCRIBERS: 4, BLOCK_MS: 1500, MAXLEN: 5000, SERVE: false, CONNECT_AT_S: null });
    expect(c.COMMANDS).toEqual([
      [1.25, 'XLEN tasks_queue', ['XLEN', 'tasks_queue']],
      [1.5, 'PING', ['PING']],
    ]);
    expect(compile(script(defaultScenario('redis-12290')))).toMatchObject({ SUBSCRIBERS: 3, CONNECT_AT_S: 1 });
  });
});

describe('the documented runs as scripts', () => {
  withPython(`compile, and leave the operator's kill to the test's own timeout${PYTHON ? '' : NO_PYTHON}`, () => {
    for (const id of ['production-2025-09-30', 'reproduction-test-2025-10-21']) {
      const s = presetScenario('mod-11658', id)!;
      const script = infoOf('mod-11658').reproScript!(s);
      const constants = compile(script);
      const commands = constants.COMMANDS as [number, string, string[]][];
      expect(commands.map((c) => c[1])).toEqual(['FT.CONFIG SET WORKERS 0']);
      expect(script.text).toMatch(
        /left out \(a shell command; the test's timeout ends a hung server\): kill -(9|11) 3650813/,
      );
    }
  });
});
