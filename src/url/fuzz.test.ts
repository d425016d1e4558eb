/**
 * Seeded fuzzing of everything a user can type: share links, console
 * commands and the runner's options. Nothing may throw an unexpected error;
 * every refusal must say why; whatever is accepted must round-trip.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { decodeHash, encodeHash, DEFAULT_SHARE, GENERIC_KEYS } from './hash';
import { INCIDENTS } from '../incidents/registry';
import { parseOptions, UsageError } from '../cli/options';

const KEYS = [...GENERIC_KEYS, ...new Set(INCIDENTS.flatMap((i) => i.settings.list.map((s) => s.url)))];
const VALUES = fc.oneof(
  fc.constantFrom(
    '1',
    '2',
    '0',
    '-1',
    '1.0',
    '1e308',
    '-1e308',
    '0x10',
    'NaN',
    'Infinity',
    '',
    ' ',
    '%',
    '%zz',
    '%E0%A4%A',
    'mod-11658',
    'redis-12290',
    'prefix',
    '7.2-rc2',
    '500:PING',
    '3:main:BEFORE_SLEEP',
    '1,2',
    '1,2,3',
    '-1e308,1e308',
    '1e-300,2e-300',
    'none',
    'never',
    'true',
  ),
  fc.string({ maxLength: 12 }),
  fc.double().map(String),
);
const link = fc
  .array(fc.tuple(fc.constantFrom(...KEYS), VALUES), { maxLength: 8 })
  .map((kv) => '#' + kv.map(([k, v]) => `${k}=${v}`).join('&'));

describe('share links, fuzzed', () => {
  test.prop([link], { numRuns: 2000, seed: 42 })(
    'decode never throws; a refusal says why; an accepted link round-trips',
    (h) => {
      const d = decodeHash(h);
      if (d.error !== null) {
        expect(d.error).toMatch(/^This link could not be opened: .+\. Showing the default scenario instead\.$/);
        expect(d.state).toEqual(DEFAULT_SHARE);
      } else {
        expect(decodeHash(encodeHash(d.state))).toEqual(d);
      }
    },
  );

  test.prop([fc.double({ noNaN: true, min: -1e9, max: 1e9 }), fc.double({ noNaN: true, min: 1e-6, max: 1e6 })], {
    seed: 7,
  })('every view the page can write reads back to the same view', (t0, span) => {
    const view = { t0, t1: t0 + span };
    if (!(view.t1 - view.t0 >= 1e-6) || Math.abs(view.t1) > 1e9) return;
    const d = decodeHash(encodeHash({ ...DEFAULT_SHARE, view }));
    expect(d.error).toBeNull();
    expect(d.state.view).toEqual(view);
  });
});

describe('console commands, fuzzed', () => {
  const words = fc.constantFrom(
    'PING',
    'XADD',
    'XREADGROUP',
    'GROUP',
    'FT.CONFIG',
    'SET',
    'WORKERS',
    'CONFIG',
    '*',
    '>',
    'tasks_queue',
    '"',
    "'",
    '0',
    '17',
    '-1',
    'BLOCK',
    'COUNT',
    'STREAMS',
    'MULTI',
    'EXEC',
    '\t',
    '  ',
  );
  const line = fc.oneof(
    fc.array(words, { maxLength: 10 }).map((w) => w.join(' ')),
    fc.string({ maxLength: 40 }),
  );
  test.prop([line], { numRuns: 2000, seed: 3 })('every incident parses or names the problem, never throws', (text) => {
    for (const i of INCIDENTS) {
      const p = i.parseCommand(text);
      if (!p.ok) expect(p.clientError.length).toBeGreaterThan(0);
    }
  });
});

describe('runner options, fuzzed', () => {
  const flags = [
    '--incident',
    '--variant',
    '--seed',
    '--until',
    '--cmd',
    '--json',
    '--help',
    '--execution',
    '--max-steps',
    ...new Set(INCIDENTS.flatMap((i) => i.settings.list.map((s) => `--${s.flag}`))),
  ];
  const arg = fc.oneof(
    fc.constantFrom(...flags),
    VALUES,
    fc.constantFrom('redis-12290', '1s:PING', '30s', 'end', '-5'),
  );
  test.prop([fc.array(arg, { maxLength: 8 })], { numRuns: 2000, seed: 11 })(
    'parse a scenario, or refuse with a usage message; never any other error',
    (argv) => {
      try {
        const o = parseOptions(argv);
        expect(o.scenario.maxSteps).toBeGreaterThan(0);
      } catch (e) {
        expect(e).toBeInstanceOf(UsageError);
        expect((e as Error).message.length).toBeGreaterThan(0);
      }
    },
  );
});
