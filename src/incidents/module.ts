/**
 * The seam between incidents and everything above the engine. An incident
 * module has two faces: `core` (pure: it runs in Node and in a Web Worker:
 * the simulation, its report, the state at a step, the explorer's bounds)
 * and `ui` (plain data the page draws with: lanes and their groups, span
 * kinds with labels and colours, clocks, presets, words). The worker, the
 * store, the share link, the CLI and the views know incidents only through
 * this contract and the registry.
 */
import type { ExecutionMode } from '../engine/machineRunner';
import type { ExploreOptions, ExploreResult } from '../engine/explorer';
import type { Simulation } from '../engine/simulation';
import type { LogLevel, VariantInfo, WaitEdge } from '../engine/types';
import type { Settings, SettingsSpec } from './settings';
import type { SweepDim } from './sweepSpec';

export interface ScheduledCommand {
  /** Virtual ms at which redis-cli sends it. */
  at: number;
  text: string;
  /**
   * Its name in the run: the reply comes back with this id (`CommandReply.id`).
   * Absent, it is `cmd-<n>`, n its place in the list (a share link's order).
   */
  id?: string;
}

/** One run, whatever the incident: everything that decides its trace. */
export interface Scenario {
  incident: string;
  variant: string;
  seed: number;
  /** Virtual ms; Infinity runs until only background actors could move. */
  until: number;
  /** The incident's settings, complete and valid (see `settings.ts`). */
  settings: Settings;
  commands: ScheduledCommand[];
  /** Manual choices: step -> move key. */
  choices?: Record<number, string>;
  execution?: ExecutionMode;
  maxSteps?: number;
  /** Untimed semantics: any pending move may come next (the explorer's). */
  untimed?: boolean;
  /** Record the trace (default true). */
  record?: boolean;
}

export type Outcome = 'deadlock' | 'livelock' | 'crash' | 'ok';

export interface CommandReply {
  id: string;
  /** Virtual ms when redis-cli sent it. */
  at: number;
  command: string;
  /** As redis-cli prints it; null when no reply came. */
  reply: string | null;
  repliedAt: number | null;
  /** A problem redis-cli itself reports; the command never left the client. */
  clientError?: string;
  /** Why the reply is what it is, when the run shows something a reader would not expect (the incident's words). */
  note?: string;
}

/** What a run amounts to, in the CLI's JSON shape; incidents add their own fields. */
export interface RunReport {
  incident: string;
  variant: string;
  seed: number;
  outcome: Outcome;
  /** When the wait-for cycle closed (virtual ms), or null. */
  deadlockAt: number | null;
  /** When the endless loop was proved (virtual ms), or null. */
  livelockAt: number | null;
  crashAt: number | null;
  cycle: string[];
  explanation: string;
  replies: CommandReply[];
  log: string[];
  stacks: Record<string, string[]>;
  stats: Record<string, unknown>;
  steps: number;
  virtualTimeMs: number;
  [extra: string]: unknown;
}

export interface LogLine {
  t: number;
  step: number;
  level: LogLevel;
  line: string;
}

/** Requests in flight over time and the monitoring PING, for the load strip and the clients panel. */
export interface LoadSeries {
  t: number[];
  n: number[];
  sentSteps: number[];
  completedSteps: number[];
  /** `timedOutT`: when the monitor gave up on it (a read timeout), if it did. */
  pings: { sentT: number; sentStep: number; doneT: number | null; timedOutT?: number | null }[];
}

export interface MoveInfo {
  key: string;
  actor: string;
  event: string;
  at: number;
  source: string;
}

/** A linked list drawn at the cursor (e.g. the clients blocked on a key). */
export interface ListStructure {
  id: string;
  title: string;
  nodes: { id: string; label: string; state: 'waiting' | 'current' | 'unlinked' | 'appended' | 'served' }[];
  pointers: { name: 'current' | 'next'; node: string | null }[];
  caption?: string;
}

/** The world at one step, for the panels. */
export interface StateAt {
  step: number;
  t: number;
  stacks: { id: string; state: string; frames: string[] }[];
  edges: WaitEdge[];
  /** The verdict's cycle (or looping threads) once the hang has happened at or before this step. */
  cycle: string[] | null;
  explanation: string | null;
  moves: MoveInfo[];
  blocked: { actor: string; reason: string }[];
  /** Owner of each lock the incident follows (e.g. the GIL). */
  locks: Record<string, string | null>;
  replies: CommandReply[];
  structures: ListStructure[];
  /** What an operator could have pulled from the server now, in Redis's formats (CLIENT LIST, INFO, threads). */
  evidence?: EvidenceView[];
}

export interface EvidenceView {
  id: string;
  title: string;
  /** What one would type to get it. */
  command: string;
  lines: string[];
  /** How to read it, and what in it is not modelled. */
  note: string;
}

export type Parsed = { ok: true } | { ok: false; clientError: string };

export interface SweepInfo {
  /** What redis-cli sends at each moment, e.g. `FT.CONFIG SET WORKERS 0`. */
  command: string;
  /** One sentence for the panel: what decides whether it hangs. */
  about: string;
  /** Over the defaults, what every sweep run shares (e.g. no monitoring PING). */
  base: Settings;
  /** The swept settings, outermost first, with their default values. */
  dims: readonly SweepDim[];
  at: readonly number[];
  seeds: number;
  windowMs: number;
}

/**
 * The light face, safe for the page's main bundle (no machines, no engine):
 * what the scenario is made of and what the page says about it.
 */
export interface IncidentInfo {
  id: string;
  /** Short name for pickers: "MOD-11658". */
  name: string;
  title: string;
  variants: readonly VariantInfo[];
  settings: SettingsSpec;
  /** The page's and the CLI's default scenario (settings default to the spec's). */
  defaults: Omit<Scenario, 'incident' | 'settings'> & { settings?: Settings };
  /** The bounds the explorer takes (their own settings: flags, link keys, form). */
  exploreBounds: SettingsSpec;
  /** Client-side check of a typed command (what redis-cli itself refuses). */
  parseCommand(text: string): Parsed;
  /** The race window: what the sweep sends, over which of the settings. */
  sweep?: SweepInfo;
  /**
   * A script that reproduces the scenario against a real server (Python: a
   * test or a redis-py program), named and ready to save; given the run's
   * report, it also says in comments what Lockstep's run came to.
   */
  reproScript?(scenario: Scenario, report?: RunReport): { filename: string; text: string };
  ui: IncidentUi;
}

/** A claim of the incident's documents, as the page lists it before its trial. */
export interface ClaimInfo {
  id: string;
  /** In the documents' words. */
  claim: string;
  /** Which document says it, and where. */
  source: string;
  /** Where the truth is in the incident model (its sections). */
  model: string;
}

export type ClaimVerdictKind = 'holds' | 'wrong' | 'partly' | 'not modelled';

/** A claim judged by the runs its trial performed. */
export interface ClaimVerdict extends ClaimInfo {
  verdict: ClaimVerdictKind;
  /** One sentence, with the runs' numbers. */
  why: string;
  /** The run and the step that show it (null when nothing ran). */
  show: { scenario: Scenario; step: number } | null;
  /** Simulations this claim ran (shared runs counted once, by the first claim). */
  runs: number;
}

export interface ClaimProgress {
  /** Claims judged so far, of `total`. */
  done: number;
  total: number;
  /** The claim on trial now. */
  claim: string;
  runs: number;
}

/** The heavy face: runs in Node and in Web Workers. */
export interface IncidentCore {
  id: string;
  createSimulation(s: Scenario): Simulation<unknown, unknown>;
  report(sim: Simulation<unknown, unknown>): RunReport;
  logLines(sim: Simulation<unknown, unknown>): LogLine[];
  loadSeries(sim: Simulation<unknown, unknown>): LoadSeries;
  stateAt(sim: Simulation<unknown, unknown>): StateAt;
  /** How long past the last command a variant needs before its fate is decided (its own timeouts). */
  settleMs(variant: string): number;
  explore(variant: string, bounds: Settings, opts?: ExploreOptions): ExploreResult;
  /** The bounded scenario the explorer checks, with a schedule to replay (a counterexample). */
  exploreScenario(variant: string, bounds: Settings, schedule?: readonly string[]): Scenario;
  /** The CLI summary's incident lines (the stats in words). */
  summarize(report: RunReport): string[];
  /**
   * Why a run that ended without a hang or a crash is not over yet (the server
   * still waits on something that will decide it), in the incident's words; null when it has settled.
   */
  unsettled?(sim: Simulation<unknown, unknown>, variant: string): string | null;
  /**
   * The work on its way at the simulation's current step, in the incident's
   * words (which request is in which thread, what is queued): how the point of
   * no return says what had already happened when the hang became certain.
   */
  moment?(sim: Simulation<unknown, unknown>): string;
  /** A command that ends the process (an operator's kill): no future is decided by it, so sampling stops before it. */
  endsProcess?(text: string): boolean;
  /** Every claim of the incident documents on trial: runs the scenarios that judge them, in order. */
  claims?(progress?: (p: ClaimProgress) => void): ClaimVerdict[];
}

/** A stack frame's definition in the source at the commit a variant models. */
export interface FrameSource {
  url: string;
  /** e.g. `RediSearch dede3e11de deps/thpool/barrier.c:25`. */
  label: string;
}

export interface LaneInfo {
  id: string;
  group: string;
}

export interface LaneGroupInfo {
  id: string;
  /** Collapsed into one row (a count of members in flight, or a stacked group) unless expanded. */
  collapse?: 'count' | 'stack';
  label?: string;
}

export interface SpanKindInfo {
  id: string;
  label: string;
  light: string;
  dark: string;
  /** Nothing happens in it (idle, waiting for a reply): no label on the timeline, last in the legend. */
  quiet?: boolean;
  /** The thread is on a CPU in it (the CPU profile counts it). */
  cpu?: boolean;
}

export interface Clock {
  startUtcMs: number;
  pid: number;
  label: string;
}

export interface Preset {
  id: string;
  title: string;
  /** What differs from the incident's defaults. */
  scenario: Partial<Omit<Scenario, 'incident' | 'settings'>> & { settings?: Settings };
  /** Where the scenario comes from, in a sentence or two (a documented run: its date, topology, sources). */
  about?: string;
  /** Where the incident documents disagree about this run, each with what the model and the run say. */
  disagreements?: readonly string[];
}

/**
 * Where a tour chapter puts the cursor, found in the run it loads (never a
 * step number typed in): its first step, its last, the hang, the point of no
 * return, or the first span of a function in a lane (a lane id, or a prefix
 * ending in `-` for any of a group, e.g. `workers-`).
 */
export type TourMark =
  | { kind: 'start' }
  | { kind: 'end' }
  | { kind: 'verdict' }
  | { kind: 'pointOfNoReturn' }
  | { kind: 'span'; lane: string; fn: string; nth?: number };

/** One chapter of the narrated tour: a live run, a moment in it, and what to look at. */
export interface TourChapter {
  id: string;
  title: string;
  /** Paragraphs of narration; glossary terms in it become links. */
  text: readonly string[];
  /** Where to look, in one sentence (announced to screen readers with the title). */
  look: string;
  /** The run it loads: what differs from the incident's defaults. */
  scenario: Preset['scenario'];
  at: TourMark;
  /** The width of the view (virtual ms) around the moment; the whole run when absent. */
  zoomMs?: number;
  /** Lanes to highlight (ids, or prefixes ending in `-`). */
  lanes?: readonly string[];
  /** The panel to point at, by its heading. */
  panel?: string;
}

export interface IncidentUi {
  /** A paragraph for the page's intro. */
  intro: string;
  /** The narrated tour, first chapter first. */
  tour?: readonly TourChapter[];
  /** Words a newcomer may not know, with a sentence or two each (the tour links them). */
  glossary?: Readonly<Record<string, string>>;
  /** The documents' claims the Claims panel puts on trial (verdicts come from `IncidentCore.claims`). */
  claims?: readonly ClaimInfo[];
  /** Where a frame of the simulated stacks is defined, at the commit the variant models; null if nowhere we link. */
  frameSource?(frame: string, variant: string): FrameSource | null;
  /** Lanes in reading order; lock lanes (e.g. `gil`) carry the lock's id. */
  lanes(threads: readonly string[]): LaneInfo[];
  groups: readonly LaneGroupInfo[];
  /**
   * Lane groups of actors outside the server (clients, the monitoring PING,
   * redis-cli): their spans do not break a quiet stretch of the server, which
   * the timeline compresses on its axis. Absent: the axis is never compressed.
   */
  outsideGroups?: readonly string[];
  /** Locks drawn as an ownership lane: id -> label. */
  locks: Record<string, string>;
  /** Lane group whose owner of a lock is drawn in the "worker" colour. */
  lockWorkerGroup?: string;
  /** Span kinds, the most telling first (the legend's order). */
  spanKinds: readonly SpanKindInfo[];
  /** The wall clock of the log, chosen by a setting (or fixed). */
  clock(settings: Settings): Clock;
  presets: readonly Preset[];
  /** The console's first suggestion, and the commands it knows. */
  consolePlaceholder: string;
  commandsHelp: string;
  /** Threads whose stacks the Threads panel shows first. */
  interesting?(id: string): boolean;
  /** Nodes of the wait-for graph that are objects, not threads. */
  isObject?(id: string): boolean;
}
