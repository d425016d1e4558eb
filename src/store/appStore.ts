/**
 * The page's state: the scenario and its injected commands (what the URL
 * shares), the loaded run (and the progress of the one being made), the
 * playback cursor, and what the panels show at the cursor. Per-frame view
 * changes (zoom, pan) live in the timeline, not here; the visible window is
 * copied in only for the share link.
 */
import { create } from 'zustand';
import type { Scenario, StateAt } from '../incidents/module';
import { infoOf } from '../incidents/registry';
import type { Settings } from '../incidents/settings';
import type { LoadedRun, RunProgress } from '../worker/protocol';
import type { VariantRun } from '../incidents/compare';
import type { PackedTrace } from '../engine/packed';
import type { FateSample } from '../engine/futures';
import { DEFAULT_SHARE, defaultShare, type ShareState } from '../url/hash';
import { SimClient } from './simClient';
import { formatMs } from '../engine/duration';
import { nextCommandId, withCommandIds } from '../incidents/commandIds';

export interface ConsoleEntry {
  id: number;
  text: string;
  at: number;
  /** The scheduled command it added: its reply is read from the current run by this id (as the schedule reads it). */
  commandId?: string;
  clientError?: string;
}

/** Virtual ms per real second; 0 is automatic (fast, slowing near commands and the hang: views/speed.ts). */
export const SPEEDS = [0, 0.01, 0.1, 1, 10, 100, 1000] as const;

export interface AppState {
  inputs: ShareState;
  run: LoadedRun | null;
  status: 'loading' | 'ready' | 'error';
  /** How far the run being made has got (while `status` is loading), or null before its first report. */
  progress: RunProgress | null;
  error: string | null;
  /** A problem with the link the page was opened with. */
  notice: string | null;
  cursor: number;
  playing: boolean;
  /** Virtual milliseconds per real second. */
  speed: number;
  manualMode: boolean;
  /** What the last manual pick did when it was not simply the next step (moves run first), or why it could not be made. */
  manualNote: string | null;
  stateAt: StateAt | null;
  expanded: ReadonlySet<string>;
  announcement: string;
  consoleLog: ConsoleEntry[];
  /** Visible window for the share link (kept in sync by the timeline, throttled). */
  view: { t0: number; t1: number } | null;
  /** Point of no return: the band's samples by step (exact for bounded runs, sampled futures otherwise), or null. */
  fates: FateSample[] | null;
  /** Points of the band worked out so far, while it is being worked out. */
  fateProgress: number | null;
  /** The current scenario run against several variants (side by side), or null. */
  comparison: {
    runs: VariantRun[];
    traces: PackedTrace[];
    pending: boolean;
    /** The scenario compared: when the page shows another, the table is marked as stale. */
    inputs: ShareState | null;
  } | null;
  /** The span clicked on the timeline: its thread and its index in the packed trace. */
  selection: { actor: string; span: number } | null;

  open: (state: ShareState, notice: string | null) => void;
  /** Another incident, at its default scenario. */
  switchIncident: (id: string) => void;
  setScenario: (patch: ScenarioPatch) => void;
  addCommand: (at: number, text: string) => void;
  updateCommand: (index: number, patch: { at?: number; text?: string }) => void;
  removeCommand: (index: number) => void;
  runInConsole: (text: string) => void;
  setCursor: (step: number) => void;
  stepBy: (delta: number) => void;
  setPlaying: (playing: boolean) => void;
  setSpeed: (speed: number) => void;
  setManualMode: (on: boolean) => void;
  chooseMove: (key: string) => void;
  /** To the step where the cycle closed, or where the server crashed. */
  jumpToDeadlock: () => void;
  reset: () => void;
  toggleGroup: (g: string) => void;
  setView: (v: { t0: number; t1: number } | null) => void;
  select: (sel: { actor: string; span: number } | null) => void;
  compare: (variants: string[]) => void;
  dismissNotice: () => void;
  /** Stops the run being made: the page gets it as far as it got. */
  cancelRun: () => void;
  /** Simulates the rest of a stopped run (picked up where it stopped). */
  continueRun: () => void;
}

/** Runs in the page stop here: about ten seconds of simulation and a trace the tab can hold. */
export const UI_MAX_STEPS = 1_000_000;

export type ScenarioPatch = Partial<Pick<ShareState, 'variant' | 'seed' | 'until' | 'untimed'>> & {
  settings?: Settings;
};

export function scenarioFrom(s: ShareState): Scenario {
  return {
    incident: s.incident,
    variant: s.variant,
    seed: s.seed,
    until: s.until,
    maxSteps: UI_MAX_STEPS,
    choices: s.manual,
    untimed: s.untimed || undefined,
    settings: s.settings,
    // Every command named, so its reply comes back under the id the page knows it by.
    commands: withCommandIds(s.commands),
  };
}

/** How the status line names a hang. */
const HANG_WORDS = { deadlock: 'deadlocks', livelock: 'loops forever (no thread makes progress)' } as const;

/** What the status line says of a run just loaded (of `until` simulated ms asked for). */
function summaryOf(run: LoadedRun, until: number): string {
  const v = run.verdict;
  const steps = run.trace.steps;
  if (run.stopped)
    return (
      `Stopped at ${formatMs(run.stopped.t)} of ${formatMs(until)} (${steps.toLocaleString('en-US')} steps): ` +
      `the page shows the run up to there${v ? `; the server ${HANG_WORDS[v.outcome]} at ${formatMs(v.at)}` : ''}. ` +
      'Continue simulates the rest.'
    );
  if (run.truncated)
    return (
      `The run was cut at the limit of ${UI_MAX_STEPS.toLocaleString('en-US')} steps (${formatMs(run.trace.endT)} simulated): ` +
      'shorten the simulated time or lengthen the client pause.'
    );
  // A hang that something ended later (an operator's kill): how long it lasted, and how it ended.
  const ended =
    v && run.crash ? ` It stays hung for ${formatMs(run.crash.at - v.at)}, until ${run.crash.message}.` : '';
  if (v) return `Simulated ${steps} steps: the server ${HANG_WORDS[v.outcome]} at ${formatMs(v.at)}.${ended}`;
  if (run.crash)
    return `Simulated ${steps} steps: the server crashes at ${formatMs(run.crash.at)} (${run.crash.message.split(':')[0]}).`;
  if (run.unsettled)
    return `Simulated ${steps} steps: no hang yet, but the run ends before the server has settled: ${run.unsettled}. Simulate longer to see how it ends.`;
  // Why a reply is surprising (e.g. a resize with nothing to wait for), in the incident's words.
  const notes = run.report.replies.filter((r) => r.note).map((r) => ` ${r.command}: ${r.note}`);
  return `Simulated ${steps} steps: no hang (no deadlock, no endless loop).${notes.join('')}`;
}

let consoleSeq = 0;

export const useApp = create<AppState>((set, get) => {
  const client = new SimClient({
    loaded: (run) => {
      good = pending;
      const cursor = Math.min(get().cursor, run.trace.steps);
      set({
        run,
        selection: null,
        status: 'ready',
        progress: null,
        error: null,
        cursor,
        announcement: summaryOf(run, get().inputs.until),
      });
      client.stateAt(cursor);
      client.fates();
    },
    progress: (progress) => set({ progress }),
    state: (stateAt) => set({ stateAt }),
    compared: (runs, traces) =>
      set({ comparison: { runs, traces, pending: false, inputs: get().comparison?.inputs ?? null } }),
    fates: (done, samples) => set(samples ? { fates: samples, fateProgress: null } : { fateProgress: done }),
    error: (message) => set({ status: 'error', error: message, playing: false }),
    loadFailed: (message) => {
      const failed = pending;
      // Back to the last scenario that ran (or the incident's default): the user's work is never lost to a bad input.
      const back = good && good !== failed ? good : failed && failed !== defaultOf(failed) ? defaultOf(failed) : null;
      if (!back) {
        set({ status: 'error', error: message, playing: false });
        return;
      }
      set({
        notice: `This run could not be made: ${message}. Showing ${good === back ? 'the last scenario that ran' : 'the default scenario'} instead.`,
      });
      reload(back);
    },
  });

  /** The inputs of the run being made, and of the last one that was made. */
  let pending: ShareState | null = null;
  let good: ShareState | null = null;
  const defaults = new Map<string, ShareState>();
  const defaultOf = (s: ShareState) => {
    if (!defaults.has(s.incident)) defaults.set(s.incident, defaultShare(s.incident));
    return defaults.get(s.incident)!;
  };

  const reload = (inputs: ShareState) => {
    pending = inputs;
    set({ inputs, status: 'loading', progress: null, stateAt: null, fates: null, fateProgress: null });
    client.load(scenarioFrom(inputs));
  };

  /** What the status line says when the cursor crosses something that matters. */
  const crossed = (from: number, to: number): string | null => {
    const run = get().run;
    if (!run) return null;
    const v = run.verdict;
    if (v && to < v.step && from >= v.step)
      return v.outcome === 'livelock'
        ? `Back before the endless loop: it is proved at step ${v.step} (${formatMs(v.at)}).`
        : `Back before the deadlock: the cycle closes at step ${v.step} (${formatMs(v.at)}).`;
    const hang = v
      ? v.outcome === 'livelock'
        ? `Livelock: ${v.cycle.join(', ')} ${v.cycle.length === 1 ? 'runs' : 'run'} the same loop forever. No command will be answered.`
        : `Deadlock: ${v.cycle.join(' → ')} → ${v.cycle[0]}. The main thread is stuck; no command will be answered.`
      : null;
    // A crash after a hang is how the hang ended (an operator's kill), not a new failure.
    const crash = run.crash
      ? v && v.step < run.crash.step
        ? `Still hung ${formatMs(run.crash.at - v.at)} after the ${v.outcome}: ${run.crash.message}.`
        : `Crash: ${run.crash.message}.`
      : null;
    // Landing on the outcome's step always says what happened there, from wherever the cursor came.
    if (v && to === v.step) return hang;
    if (run.crash && to === run.crash.step) return crash;
    if (to <= from) return null;
    if (v && v.step > from && v.step <= to) return hang;
    if (run.crash && run.crash.step > from && run.crash.step <= to) return crash;
    const t0 = run.trace.stepTimes[from];
    const t1 = run.trace.stepTimes[to];
    const sent = run.report.replies.find((r) => r.at > t0 && r.at <= t1);
    if (sent) return `redis-cli sent: ${sent.command}`;
    return null;
  };

  /** The schedule with its ids filled in; a new id is unlike any the schedule or the console uses. */
  const named = () => withCommandIds(get().inputs.commands);
  const freshId = () =>
    nextCommandId(
      get().inputs.commands,
      get()
        .consoleLog.map((c) => c.commandId)
        .filter((x): x is string => !!x),
    );

  const moveCursor = (step: number) => {
    const run = get().run;
    if (!run) return;
    const to = Math.max(0, Math.min(run.trace.steps, Math.round(step)));
    const from = get().cursor;
    const said = crossed(from, to);
    set(said ? { cursor: to, announcement: said } : { cursor: to });
    client.stateAt(to);
  };

  return {
    inputs: DEFAULT_SHARE,
    run: null,
    status: 'loading',
    progress: null,
    error: null,
    notice: null,
    cursor: 0,
    playing: false,
    speed: 0,
    manualMode: false,
    manualNote: null,
    stateAt: null,
    expanded: new Set(),
    announcement: '',
    consoleLog: [],
    view: null,
    selection: null,
    comparison: null,
    fates: null,
    fateProgress: null,

    open: (state, notice) => {
      set({ cursor: state.cursor, view: state.view, notice, consoleLog: [], comparison: null, manualNote: null });
      reload(state);
    },
    switchIncident: (id) => {
      if (id === get().inputs.incident) return;
      set({
        cursor: 0,
        view: null,
        notice: null,
        consoleLog: [],
        comparison: null,
        expanded: new Set(),
        manualNote: null,
      });
      reload(defaultShare(id));
    },
    setScenario: (patch) => {
      const inputs = get().inputs;
      reload({ ...inputs, ...patch, settings: { ...inputs.settings, ...patch.settings }, manual: {} });
    },
    addCommand: (at, text) => {
      reload({ ...get().inputs, commands: [...named(), { id: freshId(), at, text }] });
    },
    // Edits keep the command's id: the console line that sent it follows its new reply.
    updateCommand: (index, patch) =>
      reload({ ...get().inputs, commands: named().map((c, i) => (i === index ? { ...c, ...patch } : c)) }),
    removeCommand: (index) => reload({ ...get().inputs, commands: named().filter((_, i) => i !== index) }),
    runInConsole: (text) => {
      const run = get().run;
      const at = run ? run.trace.stepTimes[get().cursor] : 0;
      const parsed = infoOf(get().inputs.incident).parseCommand(text);
      const entry: ConsoleEntry = { id: ++consoleSeq, text: text.trim(), at };
      if (!parsed.ok) {
        set({ consoleLog: [...get().consoleLog, { ...entry, clientError: parsed.clientError }] });
        return;
      }
      const commandId = freshId();
      set({
        consoleLog: [...get().consoleLog, { ...entry, commandId }],
        announcement: `Command sent at ${formatMs(at)}: ${entry.text}`,
      });
      reload({ ...get().inputs, commands: [...named(), { id: commandId, at, text: entry.text }] });
    },
    setCursor: moveCursor,
    stepBy: (delta) => moveCursor(get().cursor + delta),
    setPlaying: (playing) => {
      const run = get().run;
      if (playing && run && get().cursor >= run.trace.steps) moveCursor(0);
      set({ playing });
    },
    setSpeed: (speed) => set({ speed }),
    setManualMode: (manualMode) => set({ manualMode, playing: false, manualNote: null }),
    chooseMove: (key) => {
      const from = get().cursor;
      const inputs = get().inputs;
      const m = get().stateAt?.moves.find((x) => x.key === key);
      const name = m ? `${m.actor}'s ${m.event}` : key;
      set({ manualNote: null });
      // A move due later would jump the clock past the others: the worker finds the step where it is due,
      // the steps before it run as the scheduler would (no pick needed), and the pick is made there.
      client.dueStep(from, key, (r) => {
        if (get().inputs !== inputs || get().cursor !== from) return;
        if ('error' in r) {
          set({ manualNote: `Not taken: ${r.error}.`, announcement: `Not taken: ${r.error}.` });
          return;
        }
        const said = r.ran
          ? `Ran the ${r.ran} ${r.ran === 1 ? 'move' : 'moves'} due before ${name}${m ? ` at ${formatMs(m.at)}` : ''} first, ` +
            `as the scheduler would, then took it at step ${r.step}.`
          : null;
        // The past stays as it was; the chosen move is taken at that step and the future re-runs from there.
        set(said ? { cursor: r.step + 1, manualNote: said, announcement: said } : { cursor: r.step + 1 });
        reload({ ...inputs, manual: { ...inputs.manual, [r.step]: key } });
      });
    },
    jumpToDeadlock: () => {
      const o = outcomeOf(get().run);
      if (o) moveCursor(o.step);
    },
    reset: () => {
      set({ playing: false });
      moveCursor(0);
    },
    toggleGroup: (g) => {
      const next = new Set(get().expanded);
      if (next.has(g)) next.delete(g);
      else next.add(g);
      set({ expanded: next });
    },
    setView: (view) => set({ view }),
    select: (selection) => set({ selection }),
    compare: (variants) => {
      set({
        comparison: {
          runs: get().comparison?.runs ?? [],
          traces: get().comparison?.traces ?? [],
          pending: true,
          inputs: get().inputs,
        },
      });
      client.compare(scenarioFrom(get().inputs), variants);
    },
    dismissNotice: () => set({ notice: null }),
    cancelRun: () => {
      if (get().status === 'loading') client.cancel();
    },
    continueRun: () => {
      const stopped = get().run?.stopped;
      if (!stopped || get().status !== 'ready') return;
      set({ announcement: `Continuing the run from ${formatMs(stopped.t)}.` });
      reload(get().inputs);
    },
  };
});

/** How the run ended badly, if it did: the step and time the cycle closed or the server crashed. */
export function outcomeOf(
  run: LoadedRun | null,
): { kind: 'deadlock' | 'livelock' | 'crash'; step: number; at: number } | null {
  if (run?.verdict) return { kind: run.verdict.outcome, step: run.verdict.step, at: run.verdict.at };
  if (run?.crash) return { kind: 'crash', step: run.crash.step, at: run.crash.at };
  return null;
}

/** The cursor's virtual time. */
export function cursorTime(s: Pick<AppState, 'run' | 'cursor'>): number {
  return s.run ? s.run.trace.stepTimes[s.cursor] : 0;
}
