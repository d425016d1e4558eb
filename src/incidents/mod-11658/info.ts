/**
 * MOD-11658's light face for the page and the CLI: its settings, defaults,
 * variants, presets, lanes, span kinds, clocks and words. It imports no
 * machine and no engine code, so the page's main bundle stays small; the
 * simulation itself is in `core.ts`, loaded by the workers and the CLI.
 */
import { frameSource } from './frameSources';
import { GLOSSARY, TOUR } from './tour';
import type { ClaimInfo, IncidentInfo, Preset } from '../module';
import { CLOCKS, type ClockPreset } from './config';
import { parseCommand } from './commands';
import { LANE_GROUPS, laneLayout } from './lanes';
import { EXPLORE_BOUNDS, SETTINGS } from './settings';
import { VARIANT_INFO } from './variantInfo';
import { reproScript } from './repro';
import { PRODUCTION, REPRODUCTION_TEST } from './documentedRuns';
import { checkLine } from '../redis/signals';

const WORKERS_0 = 'FT.CONFIG SET WORKERS 0';

const PRESETS: readonly Preset[] = [
  PRODUCTION,
  REPRODUCTION_TEST,
  { id: 'regression', title: 'The regression test: WORKERS 8 → 0 under load (pre-fix)', scenario: {} },
  { id: 'regression-fixed', title: 'The same with the fix (#7410)', scenario: { variant: 'fixed' } },
  {
    id: 'residual-risk',
    title: 'Residual risk in the fix: 8 → 0 → 8 while old threads still drain',
    scenario: {
      variant: 'fixed',
      seed: 6,
      until: 800,
      commands: [
        { at: 300, text: WORKERS_0 },
        { at: 300.05, text: 'FT.CONFIG SET WORKERS 8' },
      ],
    },
  },
  {
    id: 'zero-to-eight',
    title: 'WORKERS 0 → 8 under load',
    scenario: { settings: { workers: 0 }, commands: [{ at: 300, text: 'CONFIG SET search-workers 8' }] },
  },
  {
    id: 'reduction-sequence',
    title: 'WORKERS 8 → 4 → 2 → 1 → 0 without load',
    scenario: {
      settings: { clients: 0 },
      until: 600,
      commands: [
        { at: 10, text: 'FT.SEARCH idx *' },
        { at: 100, text: 'FT.CONFIG SET WORKERS 4' },
        { at: 200, text: 'FT.CONFIG SET WORKERS 2' },
        { at: 300, text: 'FT.CONFIG SET WORKERS 1' },
        { at: 400, text: WORKERS_0 },
      ],
    },
  },
];

const SEED_LOGS = 'seeds/000 "Test vs Production Log Comparison"';
const SEED_SUMMARY = 'seeds/001 "Investigation Summary"';
const SEED_RACE = 'seeds/002 "Understanding the Race Condition"';

/** The incident documents' claims, in their words; `claims.ts` judges each one by runs. */
const CLAIMS: readonly ClaimInfo[] = [
  {
    id: 'stack-path',
    claim:
      'main is stuck in setWorkThreads → workersThreadPool_SetNumWorkers → redisearch_thpool_terminate_when_empty → barrier_wait_and_destroy, with the GIL held',
    source: `${SEED_LOGS}, "Stack Trace Shows Exact Problem"; ${SEED_SUMMARY}, "Root Cause"`,
    model: '§6 row 1; §3.2–3.3 (for →0 the wait is in terminate_when_empty)',
  },
  {
    id: 'gil-for-coordinator-responses',
    claim: 'Worker threads need the GIL to process coordinator connection responses',
    source: `${SEED_SUMMARY}, "Root Cause: GIL Deadlock"`,
    model: '§6 row 2; §3.4 (the GIL is taken in rpSafeLoaderNext_Accumulate, for LOAD)',
  },
  {
    id: 'uv-on-main-thread',
    claim: "Responses are processed by the MAIN THREAD's UV loop",
    source: 'ACTUAL_ROOT_CAUSE.md (investigation branch d7771f2bef; quoted in the model, not among the seeds)',
    model: '§6 row 3; §2 (search-uv-<id> is its own thread), §4.5',
  },
  {
    id: 'shrink-causes-hang',
    claim:
      'MRConnManager_Shrink stops the coordinator connections, so workers wait for connections and main never unblocks',
    source: `${SEED_LOGS}, "The Deadlock Mechanism (Confirmed)"; ${SEED_RACE}, "Root cause identified"`,
    model: '§6 row 5; §4.2 (Shrink runs on search-uv after the setter returns), §4.4',
  },
  {
    id: 'shrink-never-runs',
    claim: 'MRConnManager_Shrink() was NEVER called (COORDINATOR_TRIGGER never ran)',
    source: `${SEED_SUMMARY}, "Phase 7: Root Cause Identified"`,
    model: '§6 row 4; §3.1 (COORDINATOR_TRIGGER comes after workersThreadPool_SetNumWorkers)',
  },
  {
    id: 'coordinator-needed',
    claim: 'The bug is specifically triggered … with coordinator connections in use',
    source: `${SEED_LOGS}, "Validation"`,
    model: '§0 "Standalone hangs too"; §5 (the cycle needs no cluster)',
  },
  {
    id: 'drain-fixes',
    claim: 'Graceful connection draining before MRConnManager_Shrink fixes it (pass rate 100% after the fix)',
    source: `seeds/003 "Proposed Fix"; ${SEED_RACE}, "After Fix (with graceful draining)"`,
    model: '§6 Proposal A',
  },
  {
    id: 'trigger-first-fixes',
    claim:
      'Call COORDINATOR_TRIGGER() before the resize ("Option 1: Trigger Connection Shrinking First (Recommended)")',
    source: `${SEED_SUMMARY}, "Proposed Fix", Option 1`,
    model: '§6 Proposal B',
  },
  {
    id: 'barrier-timeout-safe',
    claim: 'Add a timeout to barrier_wait_and_destroy as a defensive measure against infinite hangs',
    source: `${SEED_SUMMARY}, "Proposed Fix", Option 3, and "Recommendation"`,
    model: "§6 Proposal C; §3.3 (the barrier and job_arg live on main's stack)",
  },
  {
    id: 'fail-rate',
    claim: 'The test fails 20–50% of the time (race condition triggered → timeout)',
    source: `${SEED_RACE}, "Expected Behavior", Before Fix`,
    model: '§5 (hangs iff a worker is bound for the GIL when main starts to spin); §7 regression test',
  },
  {
    id: 'gradual-reduction-safe',
    claim: 'Gradual reduction (8→4→2→1→0) works fine; use it if needed',
    source: `${SEED_LOGS}, "Validation"; ${SEED_RACE}, "Recommendations", For Production`,
    model: '§5 (N→M with M>0 hangs iff more than M workers wait for the GIL); §3.3 remove_threads; §7',
  },
  {
    id: 'production-window',
    claim: 'Production has a much wider race window (~100 ms – 1 s against ~10–100 ms in the test)',
    source: `${SEED_RACE}, "Production vs Test Comparison"`,
    model: '§5, §11 (the model has no production data set or query costs)',
  },
];

export const info: IncidentInfo = {
  id: 'mod-11658',
  name: 'MOD-11658',
  title: 'MOD-11658: FT.CONFIG SET WORKERS 0 under query load hangs the shard',
  variants: VARIANT_INFO,
  settings: SETTINGS,
  defaults: { variant: 'prefix', seed: 1, until: 1500, commands: [{ at: 500, text: WORKERS_0 }] },
  exploreBounds: EXPLORE_BOUNDS,
  reproScript,
  sweep: {
    command: WORKERS_0,
    about: 'the hang needs a worker inside a GIL-needing query at that moment.',
    base: { workers: 8, coordThreads: 4, ping: false },
    dims: [
      { key: 'shards', label: 'Shards', max: 8, long: 'shards', short: 'sh', values: [1] },
      { key: 'aggregateFraction', label: 'Share of FT.AGGREGATE', long: 'AGGREGATE', short: 'A', values: [0.2] },
      { key: 'loadFraction', label: 'Share that LOAD', long: 'LOAD', short: 'L', always: true, values: [0.25, 0.5, 1] },
      {
        key: 'clients',
        label: 'Clients',
        min: 1,
        max: 200,
        long: 'clients',
        short: 'c',
        always: true,
        values: [10, 20],
      },
    ],
    at: [6, 8, 10, 12, 14],
    seeds: 40,
    windowMs: 3,
  },
  // A shell's kill names the server's pid, the same in both documented runs.
  parseCommand: (text) =>
    checkLine(text, CLOCKS['regression-test'].pid, (t) => {
      const p = parseCommand(t);
      return p.ok ? { ok: true } : p;
    }),
  ui: {
    frameSource,
    tour: TOUR,
    glossary: GLOSSARY,
    claims: CLAIMS,
    intro:
      'MOD-11658: FT.CONFIG SET WORKERS 0 under query load hangs a RediSearch shard. The main thread holds the GIL while it spins until every worker reaches a barrier; a worker in the middle of a query needs that GIL to load document fields. Press Play, or send the command yourself.',
    lanes: laneLayout,
    groups: LANE_GROUPS,
    // The load, the monitor and redis-cli: their timers go on while the server is hung.
    outsideGroups: ['clients', 'operator'],
    locks: { gil: 'GIL' },
    lockWorkerGroup: 'workers',
    spanKinds: [
      { id: 'waitGil', label: 'waiting for the GIL', light: '#d9480f', dark: '#ff6b3d' },
      { id: 'spinning', label: 'spinning (usleep loop)', light: '#e8a317', dark: '#f2b441', cpu: true },
      { id: 'barrier', label: 'waiting at a barrier', light: '#8e44ad', dark: '#b57edc' },
      { id: 'holdGil', label: 'holding the GIL', light: '#2b8a5e', dark: '#3fb27f', cpu: true },
      { id: 'waitChannel', label: 'waiting on a channel', light: '#b7791f', dark: '#d39b4a' },
      { id: 'running', label: 'running', light: '#4f7fe0', dark: '#5b8def', cpu: true },
      { id: 'waitReply', label: 'waiting for a reply', light: '#c3cde0', dark: '#3a4457', quiet: true },
      { id: 'idle', label: 'idle', light: '#e6e9ef', dark: '#262b36', quiet: true },
      { id: 'exited', label: 'exited', light: '#f1f2f4', dark: '#1e222b', quiet: true },
    ],
    clock: (s) => CLOCKS[(s.clock as ClockPreset) ?? 'regression-test'] ?? CLOCKS['regression-test'],
    presets: PRESETS,
    consolePlaceholder: WORKERS_0,
    commandsHelp:
      'FT.CONFIG SET WORKERS n, CONFIG SET search-workers n, FT.CONFIG GET WORKERS, CONFIG GET search-workers, PING, FT.SEARCH idx …, FT.AGGREGATE idx …; at the shell: kill -9 3650813 (SIGKILL), kill -11 3650813 (SIGSEGV: a crash report)',
    interesting: (id) => !id.startsWith('coord-'),
    isObject: (n) => n === 'gil' || n.startsWith('barrier-') || n.startsWith('chan-'),
  },
};
