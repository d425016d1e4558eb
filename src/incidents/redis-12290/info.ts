/**
 * Redis #12290's light face for the page and the CLI: its settings,
 * defaults, variants, presets, lanes, span kinds, clock and words. No
 * machine and no engine code: the simulation is in `core.ts`.
 */
import { frameSource } from './frameSources';
import { GLOSSARY, TOUR } from './tour';
import type { IncidentInfo, Preset } from '../module';
import { CLOCKS } from './config';
import { parseCommand } from './commands';
import { checkLine } from '../redis/signals';
import { laneLayout } from './lanes';
import { EXPLORE_BOUNDS, SETTINGS } from './settings';
import { VARIANT_INFO } from './variantInfo';
import { reproScript } from './repro';

const PRESETS: readonly Preset[] = [
  { id: 'as-filed', title: 'The report as filed: 7.2-rc2, 3 subscribers (hangs)', scenario: {} },
  {
    id: 'two-work',
    title: '"nb_subscribers = 2 will work fine": 7.2-rc2, 2 subscribers',
    scenario: { settings: { subscribers: 2 } },
  },
  {
    id: 'two-unserved',
    title: '2 subscribers that cannot be served (MULTI/EXEC takes the entry): 7.2-rc2 hangs too',
    scenario: { settings: { subscribers: 2, serve: false } },
  },
  { id: 'fix', title: 'The fix (#12301, 7.2-rc3): 3 subscribers', scenario: { variant: '7.2-rc3' } },
  { id: 'redis-7.0', title: 'Redis 7.0: 3 subscribers', scenario: { variant: '7.0' } },
];

export const info: IncidentInfo = {
  id: 'redis-12290',
  name: 'Redis #12290',
  title: 'Redis #12290: XREADGROUP with three blocked readers loops forever in 7.2-rc2',
  variants: VARIANT_INFO,
  settings: SETTINGS,
  defaults: { variant: '7.2-rc2', seed: 1, until: 2000, commands: [{ at: 1500, text: 'PING' }] },
  exploreBounds: EXPLORE_BOUNDS,
  reproScript,
  parseCommand: (text) =>
    checkLine(text, CLOCKS.issue.pid, (t) => {
      const p = parseCommand(t);
      return p.ok ? { ok: true } : p;
    }),
  sweep: {
    command: 'PING',
    about:
      'once the walk loops, nothing is answered; the loop needs three readers blocked when an XADD arrives (or two that cannot be served).',
    base: { ping: false, connectAtMs: null },
    dims: [
      { key: 'serve', label: 'Entry can be served (1 or 0)', long: 'serve', short: 's', values: [true] },
      {
        key: 'subscribers',
        label: 'Subscribers',
        min: 1,
        max: 8,
        long: 'subscribers',
        short: 'R',
        always: true,
        values: [1, 2, 3, 4],
      },
    ],
    at: [200, 400, 800],
    seeds: 10,
    windowMs: 50,
  },
  ui: {
    frameSource,
    tour: TOUR,
    glossary: GLOSSARY,
    intro:
      'Redis #12290: in 7.2-rc2, after an XADD the main thread walks the list of clients blocked on the stream and re-runs each one\u2019s XREADGROUP; a reader that cannot be served blocks again at the tail of the same list, so with three readers the walk never ends. 100% CPU, nothing answers. Press Play, or send PING yourself.',
    lanes: laneLayout,
    groups: [{ id: 'main' }, { id: 'subscribers' }, { id: 'feeder' }, { id: 'operator' }],
    outsideGroups: ['subscribers', 'feeder', 'operator'],
    locks: {},
    spanKinds: [
      {
        id: 'walking',
        label: 'walking the blocked clients (handleClientsBlockedOnKey)',
        light: '#d9480f',
        dark: '#ff6b3d',
        cpu: true,
      },
      { id: 'running', label: 'running a command', light: '#4f7fe0', dark: '#5b8def', cpu: true },
      { id: 'blocked', label: 'blocked in XREADGROUP … BLOCK', light: '#8e44ad', dark: '#b57edc' },
      { id: 'sleeping', label: 'sleeping (time.sleep)', light: '#e8a317', dark: '#f2b441' },
      { id: 'waitReply', label: 'waiting for a reply', light: '#c3cde0', dark: '#3a4457', quiet: true },
      { id: 'idle', label: 'idle (epoll_wait)', light: '#e6e9ef', dark: '#262b36', quiet: true },
      { id: 'exited', label: 'exited', light: '#f1f2f4', dark: '#1e222b', quiet: true },
    ],
    clock: () => CLOCKS.issue,
    presets: PRESETS,
    consolePlaceholder: 'PING',
    commandsHelp:
      'PING, XADD tasks_queue MAXLEN n * field value, XREADGROUP GROUP g c COUNT n [BLOCK ms] STREAMS tasks_queue >, XGROUP CREATE, XLEN, XINFO GROUPS, MULTI, EXEC; at the shell: kill -9 1 (SIGKILL, as the reporter had to), kill -11 1 (a crash report)',
  },
};
