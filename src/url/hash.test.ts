import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { decodeHash, DEFAULT_SHARE, encodeHash, type ShareState } from './hash';
import { SETTINGS } from '../incidents/mod-11658/settings';

const flat = fc.record({
  variant: fc.constantFrom('prefix', 'fixed', 'trigger-first', 'drain-connections', 'barrier-timeout', 'unlock-gil'),
  workers: fc.integer({ min: 0, max: 16 }),
  clients: fc.integer({ min: 0, max: 200 }),
  shards: fc.integer({ min: 1, max: 16 }),
  loadFraction: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => +x.toFixed(6)),
  seed: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  think: fc.integer({ min: 1, max: 60_000 }),
  until: fc.integer({ min: 1, max: 60_000 }),
  commands: fc.array(
    fc.record({
      at: fc.integer({ min: 0, max: 60_000 }),
      text: fc.constantFrom(
        'FT.CONFIG SET WORKERS 0',
        'PING',
        'FT.SEARCH idx @category:{electronics}',
        'CONFIG SET search-workers 4 & more=1',
      ),
    }),
    { maxLength: 4 },
  ),
  manual: fc.dictionary(
    fc.integer({ min: 0, max: 99999 }).map(String),
    fc.constantFrom('workers-3:GIL_ACQUIRED', 'main:BEFORE_SLEEP', 'search-uv-1:WORK_DONE'),
  ),
  untimed: fc.boolean(),
  queries: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
  ping: fc.boolean(),
  mix: fc.constantFrom('random' as const, 'spread' as const),
  cursor: fc.integer({ min: 0, max: 1e6 }),
  view: fc.option(
    fc
      .tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 1000 }))
      .map(([a, b]) => ({ t0: a, t1: a + b })),
    { nil: null },
  ),
});

/** MOD-11658 share states: the v1 fields, its settings in their own record. */
const state: fc.Arbitrary<ShareState> = flat.map(
  ({ workers, clients, shards, loadFraction, think, queries, ping, mix, ...rest }) => ({
    ...rest,
    incident: 'mod-11658',
    settings: { ...SETTINGS.defaults, workers, clients, shards, loadFraction, think, queries, ping, mix },
  }),
);

describe('the URL hash', () => {
  test.prop([state])('decode(encode(s)) == s', (s) => {
    expect(decodeHash(encodeHash(s))).toEqual({ state: s, error: null });
  });

  test('an empty hash is the default scenario', () => {
    expect(decodeHash('')).toEqual({ state: DEFAULT_SHARE, error: null });
  });

  test.each([
    ['#garbage', 'the link has no format version'],
    ['#v=9&workers=8', 'the link uses format v9, and this Lockstep reads v1 and v2'],
    ['#v=2&incident=nope', 'incident=nope (expected one of mod-11658'],
    ['#v=2&incident=mod-11658&subscribers=3', 'subscribers= (not a setting of MOD-11658)'],
    ['#v=1&workers=99', 'workers=99 (expected an integer from 0 to 16)'],
    ['#v=1&variant=magic', 'variant=magic (expected one of prefix, fixed, trigger-first'],
    ['#v=1&cmd=soon', 'cmd=soon (expected TIME_MS:COMMAND)'],
    ['#v=1&view=9,3', 'view=9,3 (expected START,END in ms)'],
    ['#v=1&view=1,2,3', 'view=1,2,3 (expected START,END in ms)'],
    ['#v=1&view=-1e308,1e308', 'view=-1e308,1e308 (the window must lie within'],
    ['#v=1&view=1e-300,2e-300', 'view=1e-300,2e-300 (the window must lie within'],
    ['#v=1.0&workers=8', 'the link uses format v1.0'],
    ['#v=1&workers=0x10', 'workers=0x10 (expected an integer from 0 to 16)'],
    ['#v=1&cmd=500:FT.CONFIG%2', 'cmd=500:FT.CONFIG%2 (a broken %-escape)'],
  ])('%s is refused with a reason, and the default is shown', (hash, reason) => {
    const d = decodeHash(hash);
    expect(d.state).toEqual(DEFAULT_SHARE);
    expect(d.error).toContain(reason);
    expect(d.error).toContain('Showing the default scenario instead.');
  });

  test('every v1 link still opens, as MOD-11658', () => {
    const v1 =
      '#v=1&variant=fixed&workers=4&clients=12&shards=2&load=0.5&seed=7&think=3&until=900' +
      '&cmd=500:FT.CONFIG%20SET%20WORKERS%200&pick=3:main:BEFORE_SLEEP&queries=40&ping=0&mix=spread&at=12&view=1,2';
    const d = decodeHash(v1);
    expect(d.error).toBeNull();
    expect(d.state).toMatchObject({
      incident: 'mod-11658',
      variant: 'fixed',
      seed: 7,
      until: 900,
      commands: [{ at: 500, text: 'FT.CONFIG SET WORKERS 0' }],
      manual: { 3: 'main:BEFORE_SLEEP' },
      cursor: 12,
      view: { t0: 1, t1: 2 },
    });
    expect(d.state.settings).toMatchObject({
      workers: 4,
      clients: 12,
      shards: 2,
      loadFraction: 0.5,
      think: 3,
      queries: 40,
      ping: false,
      mix: 'spread',
    });
    // Written again, it is a v2 link that names its incident and opens to the same state.
    const again = encodeHash(d.state);
    expect(again).toMatch(/^#v=2&incident=mod-11658&/);
    expect(decodeHash(again)).toEqual(d);
  });
});
