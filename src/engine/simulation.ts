/**
 * The deterministic scheduler. A run is a function of (incident, variant,
 * config, seed, manual choices): the world is the machines' snapshots, their
 * mailboxes and timers, a virtual clock and two seeded random streams. Each
 * step picks one enabled move, delivers its event with a pure XState
 * transition and interprets the effects the machine returned as data.
 * Checkpoints every few hundred steps make stepping back a short replay.
 * The scheduler also owns the run's two ways of hanging: a deadlock (a stuck
 * wait-for cycle) and a livelock (the world comes back to a state it was in
 * with no progress in between), after which the looping threads are frozen.
 */
import { MachineRunner, type ExecutionMode, type Snapshot } from './machineRunner';
import { Rng, streamSeed } from './rng';
import { Trace } from './trace';
import { combine, foldA, foldB, hashValue, type Pair } from './stateHash';
import { hasCycle, stuckCycle } from './waitFor';
import type {
  ActorEntry,
  EffectContext,
  EffectRequest,
  Incident,
  LogLevel,
  MachineKind,
  Message,
  Move,
  SimEvent,
  StateMeta,
  Timer,
  WaitEdge,
  WorldView,
} from './types';

export interface RunInputs<C> {
  variant: string;
  config: C;
  seed: number;
  /** Manual choices: step index -> move key. */
  choices?: Readonly<Record<number, string>>;
  /** How machines are executed; both give the same run (default `compiled`). */
  execution?: ExecutionMode;
  /**
   * Untimed semantics (the explorer's): every pending timer and message may
   * happen next whatever its time, an idle move (e.g. beforeSleep) is
   * always possible, and a mailbox delivers in posting order (the order of
   * two posts is already a choice of the schedule). Counterexamples replay
   * under the same semantics.
   */
  untimed?: boolean;
  /** Record the trace (default true); the explorer turns it off. */
  record?: boolean;
}

/** A world without its trace: what the explorer saves and restores per state. */
export interface WorldState<S> {
  step: number;
  t: number;
  seq: number;
  /** The actors in spawn order; the same array for every world saved while nobody spawned. */
  entries: readonly ActorEntry[];
  /** Per actor, in the order of `entries`. */
  snaps: Snapshot[];
  timers: (Timer | undefined)[];
  mails: readonly (readonly Message[])[];
  /** Each actor's part of `stateKey` when it was known. */
  hashes: (Pair | undefined)[];
  shared: S;
  rngSched: number;
  rngWork: number;
  crash: Crash | null;
  /** The livelock once found: its `cycle` threads are never scheduled again. */
  livelock: Verdict | null;
}

/** Why a run hung: a stuck wait-for cycle, or threads caught in an endless loop. */
export interface Verdict {
  outcome: 'deadlock' | 'livelock';
  /** When no move could break the cycle any more, or when the loop was recognised (virtual ms). */
  at: number;
  step: number;
  /** A deadlock's cycle of waiters, or the threads that loop. */
  cycle: string[];
  /** The stuck wait-for edges among the cycle (none for a livelock). */
  edges: WaitEdge[];
  explanation: string;
  /**
   * For a livelock: the step at which the recurring state was first seen,
   * and the number of steps of one turn (the state recurs `period` steps later).
   */
  loop?: { since: number; period: number };
}

/** A run that ended in a crash (e.g. a use-after-free): nothing moves after it. */
export interface Crash {
  at: number;
  step: number;
  /** The actor whose access crashed. */
  actor: string;
  message: string;
}

/** Everything the engine keeps about one actor. */
interface Slot {
  entry: ActorEntry;
  runner: MachineRunner;
  metas: Record<string, StateMeta>;
  snap: Snapshot;
  meta: StateMeta | undefined;
  timer: Timer | undefined;
  mail: Message[];
  touched: boolean;
  /** The slot's part of `stateKey`, until its snapshot, timer or mailbox changes. */
  hash: Pair | undefined;
  /** Its move keys (`id:EVENT`) by event type, made once: the explorer asks for them millions of times. */
  keys: Map<string, string>;
}

/** The recurrence tracking of a run at a checkpoint, so that a replay from there sees the same loop. */
interface LoopWatch {
  calm: number;
  afterLoad: number;
  from: number;
  seen: Map<number, number> | null;
  movers: string[];
}

interface Checkpoint<S> extends WorldState<S> {
  verdict: Verdict | null;
  watch: LoopWatch;
}

const CHECKPOINT_EVERY = 512;
/**
 * Consecutive calm steps (see `lastCalm`) before a timed run starts hashing
 * its world to look for a recurrence: most runs never get that far (hashing
 * every step would cost a third of the run), and a livelock, which lasts
 * forever, is only recognised this many steps later. Untimed runs (the
 * explorer's semantics, short) watch every step, so that a counterexample
 * followed by one turn of its loop is recognised when the turn closes.
 */
export const LOOP_WATCH_AFTER = 8;
/** The most states remembered while watching; past it the watch starts over (a longer turn is not recognised). */
const LOOP_WATCH_MAX = 1 << 14;
/** The largest number below `x`: running until it stops before anything at `x`. */
function justBelow(x: number): number {
  if (!Number.isFinite(x)) return x;
  if (x === 0) return -Number.MIN_VALUE;
  const f = new Float64Array([x]);
  const bits = new BigInt64Array(f.buffer);
  bits[0] += x > 0 ? -1n : 1n;
  return f[0];
}

/** The saved form of every empty mailbox. */
const NO_MAIL: readonly Message[] = Object.freeze([]);
const SYNC_LIMIT = 10_000;

export class SimulationError extends Error {}

function moveKey(s: Slot, type: string): string {
  let key = s.keys.get(type);
  if (key === undefined) s.keys.set(type, (key = `${s.entry.id}:${type}`));
  return key;
}

/** The sentence for threads caught in an endless loop: the incident's, or a generic one. */
export function explainLoop<C, S>(
  incident: Incident<C, S>,
  actors: readonly string[],
  view: WorldView<S>,
  period: number,
): string {
  if (incident.explainLoop) return incident.explainLoop(actors, view);
  const who = actors.join(', ');
  return (
    `${who} ${actors.length === 1 ? 'runs' : 'run'} in an endless loop: the same state comes back ` +
    `every ${period} step${period === 1 ? '' : 's'} with no progress in between, and nothing else can break it.`
  );
}

export class Simulation<C, S> {
  readonly kinds: Record<string, MachineKind>;
  readonly trace = new Trace();
  /** The move key taken at each step: replaying these reproduces the run. */
  readonly choiceLog: string[] = [];
  verdict: Verdict | null = null;
  crash: Crash | null = null;
  /**
   * Recorded runs: the steps taken from worlds where only background actors
   * had a move due and one other actor alone kept the run going (without it
   * the run would have ended there), so another run can tell it would not.
   */
  readonly heldOpen: { step: number; by: string }[] = [];
  /** The livelock found on this run's path (also in `verdict` unless a deadlock came first); part of the world. */
  livelock: Verdict | null = null;
  /**
   * Whether the last step was calm: not progress (Incident.progress), and
   * neither the mover before it nor any actor it touched in a state that
   * reads its mailbox (a message could still arrive and break a loop). A
   * livelock is a return to an earlier state through calm steps only.
   */
  lastCalm = false;
  /**
   * Whether every synchronous event an object has sent to a thread went to
   * the thread whose move it was (a lock granting the one that asked, a
   * queue handing a job to the one that pulled). While it holds, a thread's
   * snapshot changes only by its own moves: what partial-order reduction
   * assumes (engine/partialOrder). Observed, never declared; sticky.
   */
  objectsAnswerMover = true;
  /**
   * Whether log lines, notes and messages are kept. The explorer, which
   * jumps between worlds, turns it off while it searches: there they would
   * only pile up, millions of them, with no run they belong to.
   */
  journal = true;
  /** The thread whose move is being applied (null while spawning the initial actors). */
  private mover: string | null = null;

  t = 0;
  step = 0;
  private seq = 0;
  private slots = new Map<string, Slot>();
  private order: Slot[] = [];
  private threads: Slot[] = [];
  /** The threads that may be scheduled: `threads` itself unless a livelock froze some. */
  private active: Slot[] = this.threads;
  private byKind = new Map<string, ActorEntry[]>();
  shared: S;
  private readonly rngSched = new Rng(0);
  private readonly rngWork = new Rng(0);
  private readonly runners = new Map<string, MachineRunner>();
  private readonly metaByKind = new Map<string, Record<string, StateMeta>>();
  private readonly checkpoints: Checkpoint<S>[] = [];
  private readonly background: ReadonlySet<string>;
  /** Some cycle exists among the open wait edges (a deadlock candidate). */
  private cyclic = false;
  private touchedList: Slot[] = [];
  /** The actors' entries in spawn order, replaced (never changed) on spawn. */
  private entries: readonly ActorEntry[] = [];
  private objectTouched = false;
  private readonly lastOwner = new Map<string, string | null>();
  private readonly queue: [string, SimEvent][] = [];
  /** The livelock's threads: never scheduled again. */
  private frozen: ReadonlySet<string> | null = null;
  /** Recurrence tracking: calm steps in a row, and while watching, the step each state was seen at. */
  private calmRun = 0;
  /** Steps since the last loadWorld, up to 2; the explorer takes one step per load and is never watched. */
  private afterLoad = 2;
  private readonly seenAt = new Map<number, number>();
  /** The first watched step; watchMovers[k] moved at step watchFrom + 1 + k. */
  private watchFrom = 0;
  private watchMovers: string[] = [];
  readonly view: WorldView<S>;

  constructor(
    readonly incident: Incident<C, S>,
    readonly inputs: RunInputs<C>,
  ) {
    if (!incident.variants.some((v) => v.id === inputs.variant)) {
      throw new SimulationError(`unknown variant '${inputs.variant}'`);
    }
    this.kinds = incident.machineKinds(inputs.variant);
    for (const [kind, def] of Object.entries(this.kinds)) {
      this.runners.set(kind, MachineRunner.for(def.machine, inputs.execution));
      const states = (def.machine.config.states ?? {}) as Record<string, { meta?: StateMeta }>;
      const metas: Record<string, StateMeta> = {};
      for (const [name, node] of Object.entries(states)) if (node.meta) metas[name] = node.meta;
      this.metaByKind.set(kind, metas);
    }
    this.background = new Set(incident.background ?? []);
    this.reseed(inputs.seed);
    this.shared = incident.initialShared(inputs.config);
    const view = {
      snapshot: (id: string) => this.slots.get(id)?.snap,
      actors: () => this.order.map((s) => s.entry),
      actorsOfKind: (kind: string) => this.byKind.get(kind) ?? [],
      mailbox: (id: string) => this.slots.get(id)?.mail ?? [],
      timer: (id: string) => this.slots.get(id)?.timer,
      meta: (id: string) => this.slots.get(id)?.meta,
    };
    // Live read-only views of the clock, the step and the shared record.
    Object.defineProperties(view, {
      t: { get: () => this.t, enumerable: true },
      step: { get: () => this.step, enumerable: true },
      shared: { get: () => this.shared, enumerable: true },
    });
    this.view = view as unknown as WorldView<S>;
    for (const init of incident.initialActors(inputs.config)) {
      this.spawn(init.id, init.kind, init.input, 'engine');
    }
    this.settle();
    this.afterStep();
    // Untimed, the initial world may be the first state of a turn.
    if (inputs.untimed) this.seenAt.set(this.stateKey(), 0);
    this.saveCheckpoint();
  }

  actors(): ActorEntry[] {
    return this.order.map((s) => s.entry);
  }

  snapshot(id: string): Snapshot | undefined {
    return this.slots.get(id)?.snap;
  }

  metaOf(id: string): StateMeta | undefined {
    return this.slots.get(id)?.meta;
  }

  /** Every move that could be taken now, in a deterministic order. */
  enabled(): Move[] {
    const moves: Move[] = [];
    for (const s of this.active) this.threadMoves(s, Infinity, moves);
    const frozen = this.frozen;
    this.incident.offers(this.view, (m) => {
      if (!frozen?.has(m.actor)) moves.push(m);
    });
    return moves;
  }

  /**
   * Takes one step. Without `key`, the seeded policy picks among the earliest
   * moves; a recorded manual choice for this step wins over both.
   * Returns the move taken, or null when nothing (else) can move.
   */
  stepOnce(key?: string, until = Infinity): Move | null {
    if (this.crash) return null;
    const wanted = key ?? this.inputs.choices?.[this.step];
    const draw = this.rngSched.next();
    let move: Move | undefined;
    if (wanted !== undefined) {
      move = this.enabled().find((m) => m.key === wanted);
      if (!move) {
        this.rngSched.back();
        throw new SimulationError(`step ${this.step}: '${wanted}' is not an enabled move`);
      }
    } else {
      const ties = this.earliest();
      if (!ties.length || (ties.every((m) => this.background.has(m.actor)) && this.onlyBackground())) {
        this.rngSched.back();
        return null;
      }
      move = ties[Math.floor(draw * ties.length)];
    }
    if (Math.max(move.at, this.t) > until) {
      this.rngSched.back();
      return null;
    }
    this.apply(move);
    return move;
  }

  /**
   * Takes `move`, one of `enabled()` in the world the simulation is in now
   * (the explorer's step: no lookup by key). The same draw and the same
   * world after it as `stepOnce(move.key)`.
   */
  take(move: Move): void {
    this.rngSched.next();
    this.apply(move);
  }

  /**
   * Whether the world now differs from `w` (same actors) only in actor
   * `i`'s snapshot and timer and `consumed` messages taken from the head of
   * its mailbox: no other actor, mailbox, shared record, crash or livelock
   * changed. Compares in place (nothing saved).
   */
  onlyChanged(w: WorldState<S>, i: number, consumed: number, sharedHash: Pair): boolean {
    if (w.entries !== this.entries || w.crash !== this.crash || w.livelock !== this.livelock) return false;
    const order = this.order;
    for (let j = 0; j < order.length; j++) {
      const slot = order[j];
      const x = w.mails[j];
      const y = slot.mail;
      if (j === i) {
        if (x.length !== y.length + consumed) return false;
        continue;
      }
      if (slot.snap !== w.snaps[j] || slot.timer !== w.timers[j] || x.length !== y.length) return false;
      for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return false;
    }
    const h = hashValue(this.shared);
    return h[0] === sharedHash[0] && h[1] === sharedHash[1];
  }

  /**
   * Runs until virtual time `until` (moves at `until` included) or up to
   * `before` (moves at `before` excluded), `maxSteps` steps, or until nothing
   * but background actors can move.
   */
  run(opts: { until?: number; before?: number; maxSteps?: number } = {}): void {
    const until = Math.min(opts.until ?? Infinity, opts.before === undefined ? Infinity : justBelow(opts.before));
    const maxSteps = opts.maxSteps ?? Infinity;
    while (this.step < maxSteps) {
      if (!this.stepOnce(undefined, until)) break;
    }
  }

  /** Moves to step `n` by restoring the nearest checkpoint and replaying. */
  seek(n: number): void {
    if (n < 0) throw new SimulationError('cannot seek before step 0');
    if (n < this.step) {
      let cp = this.checkpoints[0];
      for (const c of this.checkpoints) if (c.step <= n) cp = c;
      this.restore(cp);
    }
    const log = this.choiceLog;
    while (this.step < n) {
      const recorded = this.step < log.length ? log[this.step] : undefined;
      if (!this.stepOnce(recorded)) break;
    }
  }

  // ---- move enumeration -------------------------------------------------------

  /** Pushes a thread's own moves whose effective time is at most `limit`. */
  private threadMoves(s: Slot, limit: number, out: Move[]): void {
    const id = s.entry.id;
    const timer = s.timer;
    if (timer && Math.max(timer.at, this.t) <= limit) {
      out.push({ key: moveKey(s, timer.event.type), actor: id, event: timer.event, at: timer.at, source: 'timer' });
    }
    const meta = s.meta;
    if (meta?.inbox) {
      const head = s.mail[0];
      if (head && Math.max(head.at, this.t) <= limit) {
        out.push({ key: moveKey(s, head.event.type), actor: id, event: head.event, at: head.at, source: 'mailbox' });
      }
      if (meta.idle && (this.inputs.untimed || !head || head.at > this.t) && this.t <= limit) {
        out.push({ key: moveKey(s, meta.idle), actor: id, event: { type: meta.idle }, at: this.t, source: 'idle' });
      }
    }
  }

  /** The moves that could happen soonest (the seeded policy picks among them). */
  private earliest(): Move[] {
    const out: Move[] = [];
    const frozen = this.frozen;
    this.incident.offers(this.view, (m) => {
      if (!frozen?.has(m.actor)) out.push(m);
    });
    let limit = this.t;
    if (!out.length) {
      limit = Infinity;
      for (const s of this.active) {
        if (s.timer && s.timer.at < limit) limit = s.timer.at;
        if (s.meta?.inbox) {
          const head = s.mail[0];
          if (head && head.at < limit) limit = head.at;
          if (s.meta.idle && (!head || head.at > this.t)) limit = this.t;
        }
      }
      if (limit === Infinity) return out;
      limit = Math.max(limit, this.t);
    }
    for (const s of this.active) this.threadMoves(s, limit, out);
    return out;
  }

  /** True when no actor outside the background set has any move at all (a lone one is noted in `heldOpen`). */
  private onlyBackground(): boolean {
    if (!this.background.size) return false;
    let by: string | null = null;
    for (const m of this.enabled()) {
      if (this.background.has(m.actor)) continue;
      if (by !== null && by !== m.actor) return false;
      by = m.actor;
    }
    if (by === null) return true;
    if (this.inputs.record !== false) this.heldOpen.push({ step: this.step, by });
    return false;
  }

  // ---- applying a move ----------------------------------------------------------

  private apply(move: Move): void {
    const slot = this.slots.get(move.actor)!;
    // Progress is judged in the world the move is taken from.
    const progress = this.incident.progress
      ? this.incident.progress(move, this.view)
      : move.source === 'mailbox' || move.source === 'idle';
    let calm = !progress && !slot.meta?.inbox;
    this.t = Math.max(this.t, move.at);
    if (move.source === 'timer') slot.timer = undefined;
    else if (move.source === 'mailbox') slot.mail.shift();
    slot.hash = undefined;
    const index = this.step;
    if (index < this.choiceLog.length && this.choiceLog[index] !== move.key) this.choiceLog.length = index;
    if (index >= this.choiceLog.length) this.choiceLog.push(move.key);
    // Records made while delivering carry the number of the step being taken.
    this.step = index + 1;
    if (move.via) this.queue.push([move.via.object, move.via.event]);
    else this.queue.push([move.actor, move.event]);
    this.mover = move.actor;
    this.settle();
    this.mover = null;
    if (calm) for (const s of this.touchedList) if (s.meta?.inbox) calm = false;
    this.lastCalm = calm;
    this.afterStep();
    // A hung run does not hang a second time.
    if (!this.verdict && !this.crash) this.watchLoop(calm, move.actor);
    if (this.step % CHECKPOINT_EVERY === 0) this.saveCheckpoint();
  }

  // ---- livelock -------------------------------------------------------------------

  /**
   * Looks for a livelock: after LOOP_WATCH_AFTER calm steps in a row (untimed:
   * from the world before the first), each world's `stateKey` is remembered
   * with its step; one seen again before a step that is not calm closes a
   * turn that nothing can break.
   */
  private watchLoop(calm: boolean, mover: string): void {
    const seen = this.seenAt;
    const eager = this.inputs.untimed === true;
    if (this.afterLoad < 2) this.afterLoad++;
    if (!calm) {
      this.calmRun = 0;
      if (seen.size) this.forgetWatch();
      if (eager && this.afterLoad === 2) {
        // The world after any step may be where a turn starts.
        seen.set(this.stateKey(), this.step);
        this.watchFrom = this.step;
      }
      return;
    }
    this.calmRun++;
    if (eager ? this.afterLoad < 2 : this.calmRun < LOOP_WATCH_AFTER) return;
    const key = this.stateKey();
    if (!seen.size) this.watchFrom = this.step;
    else this.watchMovers.push(mover);
    const first = seen.get(key);
    if (first === undefined) {
      if (seen.size >= LOOP_WATCH_MAX) {
        this.forgetWatch();
        this.watchFrom = this.step;
      }
      seen.set(key, this.step);
      return;
    }
    const movers = new Set(this.watchMovers.slice(first - this.watchFrom));
    this.forgetWatch();
    this.foundLoop(
      this.order.filter((s) => movers.has(s.entry.id)).map((s) => s.entry.id),
      first,
      this.step - first,
    );
  }

  /** Takes the livelock's threads out of scheduling (or puts every thread back when there is none). */
  private freeze(): void {
    const frozen = this.livelock ? new Set(this.livelock.cycle) : null;
    this.frozen = frozen;
    this.active = frozen ? this.threads.filter((s) => !frozen.has(s.entry.id)) : this.threads;
  }

  private forgetWatch(): void {
    this.seenAt.clear();
    this.watchMovers = [];
  }

  /** Records a livelock of `actors` and freezes them, each in a last span that never ends. */
  private foundLoop(actors: string[], since: number, period: number): void {
    const explanation = explainLoop(this.incident, actors, this.view, period);
    this.livelock = {
      outcome: 'livelock',
      at: this.t,
      step: this.step,
      cycle: actors,
      edges: [],
      explanation,
      loop: { since, period },
    };
    this.verdict ??= this.livelock;
    this.freeze();
    if (this.inputs.record === false) return;
    for (const id of actors) {
      const stack = this.incident.stack(this.view, id);
      const fn = stack[0] ?? this.slots.get(id)!.meta?.fn ?? id;
      this.trace.openSpan(id, this.t, this.step, 'endless loop', 'looping', fn, stack.length ? stack : [fn]);
    }
  }

  /** Delivers queued synchronous events (to and from passive objects) until none is left. */
  private settle(): void {
    const queue = this.queue;
    for (let i = 0; i < queue.length; i++) {
      if (i > SYNC_LIMIT) throw new SimulationError('synchronous delivery did not settle');
      const [id, ev] = queue[i];
      const slot = this.slots.get(id);
      if (!slot) throw new SimulationError(`event ${ev.type} sent to unknown actor '${id}'`);
      const { snapshot, effects } = slot.runner.step(slot.snap, ev);
      if (snapshot !== slot.snap) {
        slot.snap = snapshot;
        slot.meta = slot.metas[snapshot.value as string];
      }
      this.touch(slot);
      this.interpretAll(slot, effects);
    }
    queue.length = 0;
  }

  private touch(slot: Slot): void {
    slot.hash = undefined;
    if (!slot.touched) {
      slot.touched = true;
      this.touchedList.push(slot);
    }
    if (slot.entry.role === 'object') this.objectTouched = true;
  }

  private interpretAll(slot: Slot, effects: readonly EffectRequest[]): void {
    const self = slot.entry.id;
    for (const eff of effects) {
      const p = (eff.params ?? {}) as Record<string, unknown>;
      switch (eff.type) {
        case 'send': {
          const event = p.event as SimEvent;
          const targets = typeof p.to === 'string' ? [p.to] : (p.to as string[]);
          for (const to of targets) {
            const target = this.slots.get(to);
            if (!target) throw new SimulationError(`${self} sent ${event.type} to unknown actor '${to}'`);
            // Objects are passive (a lock, a queue): they act within this step.
            if (target.entry.role === 'object' || slot.entry.role === 'object') {
              if (slot.entry.role === 'object' && target.entry.role === 'thread' && to !== this.mover) {
                this.objectsAnswerMover = false;
              }
              this.queue.push([to, event]);
            } else {
              const delay =
                typeof p.cost === 'string'
                  ? this.incident.duration(p.cost, this.inputs.config, this.rngWork)
                  : ((p.delay as number | undefined) ?? 0);
              this.post(self, target, event, delay);
            }
          }
          break;
        }
        case 'after': {
          const ms =
            typeof p.cost === 'string'
              ? this.incident.duration(p.cost, this.inputs.config, this.rngWork)
              : ((p.ms as number | undefined) ?? 0);
          const at = typeof p.at === 'number' ? Math.max(p.at, this.t) : this.t + ms;
          slot.timer = { at, event: p.event as SimEvent };
          slot.hash = undefined;
          break;
        }
        case 'cancel':
          slot.timer = undefined;
          slot.hash = undefined;
          break;
        case 'log':
          if (this.journal)
            this.trace.log.push({
              t: this.t,
              step: this.step,
              level: p.level as LogLevel,
              message: p.message as string,
              by: self,
            });
          break;
        case 'spawn':
          this.spawn(p.id as string, p.kind as string, p.input, self);
          break;
        case 'note':
          if (this.journal) this.trace.notes.push({ t: this.t, step: this.step, kind: p.kind as string, data: p });
          break;
        case 'crash':
          // The first crash ends the run; a process does not go on after it.
          this.crash ??= {
            at: this.t,
            step: this.step,
            actor: (p.actor as string | undefined) ?? self,
            message: p.message as string,
          };
          break;
        default:
          if (!this.incident.interpret(eff, this.effectContext(self))) {
            throw new SimulationError(`${self} asked for unknown effect '${eff.type}'`);
          }
      }
    }
  }

  private effectContext(actor: string): EffectContext<C, S> {
    return {
      actor,
      variant: this.inputs.variant,
      config: this.inputs.config,
      world: this.view,
      rng: this.rngWork,
      shared: this.shared,
      post: (to, event, delay) => {
        const target = this.slots.get(to);
        if (!target) throw new SimulationError(`${actor} posted ${event.type} to unknown actor '${to}'`);
        this.post(actor, target, event, delay);
      },
      log: (level, message, opts) => {
        if (this.journal) this.trace.log.push({ t: this.t, step: this.step, level, message, by: actor, ...opts });
      },
      note: (kind, data) => {
        if (this.journal) this.trace.notes.push({ t: this.t, step: this.step, kind, data: { kind, ...data } });
      },
      crash: (message) => {
        this.crash ??= { at: this.t, step: this.step, actor, message };
      },
    };
  }

  private post(from: string, target: Slot, event: SimEvent, delay: number): void {
    const at = this.t + delay;
    const msg: Message = { at, seq: this.seq++, from, event };
    const box = target.mail;
    target.hash = undefined;
    let i = box.length;
    // Untimed, a mailbox is FIFO in posting order: there, times order nothing (and posts commute with taking the head).
    if (!this.inputs.untimed) while (i > 0 && box[i - 1].at > at) i--;
    box.splice(i, 0, msg);
    if (!this.journal) return;
    const label = typeof event.text === 'string' ? event.text : event.type;
    this.trace.messages.push({
      t: this.t,
      step: this.step,
      from,
      to: target.entry.id,
      type: event.type,
      label,
      arriveAt: at,
    });
  }

  /** Creates an actor; its entry effects are interpreted now. */
  private spawn(id: string, kind: string, input: unknown, by: string): void {
    if (this.slots.has(id)) throw new SimulationError(`${by} spawned '${id}', which already exists`);
    const def = this.kinds[kind];
    if (!def) throw new SimulationError(`unknown machine kind '${kind}'`);
    const entry: ActorEntry = { id, kind, role: def.role, born: this.step };
    const runner = this.runners.get(kind)!;
    const metas = this.metaByKind.get(kind)!;
    const { snapshot, effects } = runner.initial(input);
    const slot: Slot = {
      entry,
      runner,
      metas,
      snap: snapshot,
      meta: metas[snapshot.value as string],
      timer: undefined,
      mail: [],
      touched: false,
      hash: undefined,
      keys: new Map(),
    };
    this.addSlot(slot);
    this.touch(slot);
    this.interpretAll(slot, effects);
  }

  private addSlot(slot: Slot): void {
    this.slots.set(slot.entry.id, slot);
    this.order.push(slot);
    // A new array, so that worlds saved before this spawn keep theirs.
    this.entries = [...this.entries, slot.entry];
    if (slot.entry.role === 'thread') {
      this.threads.push(slot);
      // A thread born after a livelock is not one of its threads.
      if (this.active !== this.threads) this.active.push(slot);
    }
    let same = this.byKind.get(slot.entry.kind);
    if (!same) this.byKind.set(slot.entry.kind, (same = []));
    same.push(slot.entry);
  }

  // ---- recording ----------------------------------------------------------------

  /** Records spans, handoffs and wait edges for what the last step changed. */
  private afterStep(): void {
    const step = this.step;
    if (this.inputs.record === false) {
      for (const slot of this.touchedList) slot.touched = false;
      this.touchedList = [];
      this.objectTouched = false;
      return;
    }
    this.trace.stepTimes[step] = this.t;
    for (const slot of this.touchedList) {
      slot.touched = false;
      const id = slot.entry.id;
      if (slot.entry.role === 'thread') {
        // A frozen thread stays in its endless-loop span.
        if (this.frozen?.has(id)) continue;
        const state = slot.snap.value as string;
        const lane = this.trace.lanes.get(id);
        const last = lane?.[lane.length - 1];
        if (!last || last.state !== state) {
          const meta = slot.meta;
          const fn = meta?.fn ?? state;
          const stack = this.incident.stack(this.view, id);
          this.trace.openSpan(id, this.t, step, state, meta?.span ?? 'running', fn, stack.length ? stack : [fn]);
        }
      } else {
        const owner = this.incident.lockOwner(this.view, id);
        if (owner !== undefined && (this.lastOwner.get(id) ?? null) !== owner) {
          this.trace.handoffs.push({ t: this.t, step, lock: id, from: this.lastOwner.get(id) ?? null, to: owner });
          this.lastOwner.set(id, owner);
        }
      }
    }
    const changedMany = this.touchedList.length > 1;
    this.touchedList = [];
    if (this.objectTouched || changedMany) {
      const edges = this.incident.waitFor(this.view);
      if (this.trace.setWaits(edges, this.t, step)) this.cyclic = hasCycle(edges);
    }
    this.objectTouched = false;
    if (this.cyclic && !this.verdict) this.checkVerdict();
  }

  /**
   * A deadlock: a cycle all of whose nodes are stuck, i.e. no enabled move,
   * now or through anything it waits on, can ever release them.
   */
  private checkVerdict(): void {
    const found = stuckCycle(
      this.trace.openEdges(),
      new Set(this.enabled().map((m) => m.actor)),
      this.order.map((s) => s.entry.id),
    );
    if (!found) return;
    const { cycle, stuckEdges } = found;
    const onCycle = new Set(cycle);
    this.verdict = {
      outcome: 'deadlock',
      at: this.t,
      step: this.step,
      cycle,
      edges: stuckEdges
        .filter((e) => onCycle.has(e.from) && onCycle.has(e.to))
        .map(({ from, to, kind, quota }) => (quota === undefined ? { from, to, kind } : { from, to, kind, quota })),
      explanation: this.incident.explain(cycle, this.view),
    };
  }

  // ---- world states (the explorer) ---------------------------------------------

  /**
   * Draws the scheduler's tie-breaks and the work durations from `seed` from
   * now on (the run's own seed at the start; another seed later gives another
   * possible future of the same world).
   */
  reseed(seed: number): void {
    this.rngSched.state = streamSeed(seed, 1);
    this.rngWork.state = streamSeed(seed, 2);
  }

  /**
   * Continues from another simulation's world, keeping this one's own state
   * for the actors in `own`. Sound only when those actors did nothing in the
   * other run (the caller checks): then this simulation is where its own run
   * would have been at that step. Used to share a common prefix between runs
   * that differ only in, say, when an operator acts. No trace or choice log
   * covers the steps before the graft.
   */
  graft(w: WorldState<S>, own: readonly string[]): void {
    if (this.inputs.record !== false) throw new SimulationError('graft is for runs that record no trace');
    const mine = this.saveWorld();
    const at = (id: string, ws: WorldState<S>) => ws.entries.findIndex((e) => e.id === id);
    const snaps = w.snaps.slice();
    const timers = w.timers.slice();
    const mails = w.mails.slice();
    const hashes = w.hashes.slice();
    for (const id of own) {
      const i = at(id, w);
      const j = at(id, mine);
      if (i < 0 || j < 0) throw new SimulationError(`cannot graft: '${id}' is not in both worlds`);
      snaps[i] = mine.snaps[j];
      timers[i] = mine.timers[j];
      mails[i] = mine.mails[j];
      hashes[i] = undefined;
    }
    this.loadWorld({ ...w, snaps, timers, mails, hashes });
    this.choiceLog.length = 0;
    this.checkpoints.length = 0;
  }

  private cloneShared(s: S): S {
    return this.incident.cloneShared ? this.incident.cloneShared(s) : structuredClone(s);
  }

  saveWorld(): WorldState<S> {
    return {
      step: this.step,
      t: this.t,
      seq: this.seq,
      entries: this.entries,
      snaps: this.order.map((s) => s.snap),
      timers: this.order.map((s) => s.timer),
      mails: this.order.map((s) => (s.mail.length ? s.mail.slice() : NO_MAIL)),
      hashes: this.order.map((s) => s.hash),
      shared: this.cloneShared(this.shared),
      rngSched: this.rngSched.state,
      rngWork: this.rngWork.state,
      crash: this.crash,
      livelock: this.livelock,
    };
  }

  loadWorld(w: WorldState<S>): void {
    this.step = w.step;
    this.t = w.t;
    this.seq = w.seq;
    // Same actors (the common case in the explorer): refill the slots in place.
    if (w.entries !== this.entries) this.resetSlots(w.entries);
    const order = this.order;
    for (let i = 0; i < order.length; i++) {
      const slot = order[i];
      const snap = w.snaps[i];
      if (slot.snap !== snap) {
        slot.snap = snap;
        slot.meta = slot.metas[snap.value as string];
      }
      slot.timer = w.timers[i];
      // The slot's own array is reused: mailboxes change in place and worlds keep copies.
      const from = w.mails[i];
      const mail = slot.mail;
      mail.length = 0;
      for (let j = 0; j < from.length; j++) mail.push(from[j]);
      slot.hash = w.hashes[i];
    }
    this.shared = this.cloneShared(w.shared);
    this.rngSched.state = w.rngSched;
    this.rngWork.state = w.rngWork;
    this.crash = w.crash;
    if (w.livelock !== this.livelock || (this.frozen && this.active === this.threads)) {
      this.livelock = w.livelock;
      this.freeze();
    }
    // A deadlock verdict stays as it was; a livelock one is the world's.
    if (!this.verdict || this.verdict.outcome === 'livelock') this.verdict = this.livelock;
    // A recurrence is only sought along one path: a loaded world starts a new one.
    this.calmRun = 0;
    this.afterLoad = 0;
    if (this.seenAt.size) this.forgetWatch();
  }

  /**
   * The world's identity for state hashing: every actor's state and context,
   * what is in its mailbox and timer (without times), and the shared record,
   * as a 53-bit integer. Each slot's part is kept until the slot changes, so
   * a step costs the hashing of what it touched.
   */
  stateKey(): number {
    // The shared record is mutated in place: hashed afresh every time.
    let h = hashValue([this.shared as unknown, this.crash ? this.crash.message : null]);
    // Which threads are frozen changes what can move (left out when none are, so those keys stay as they were).
    if (this.livelock) h = combine(h, hashValue(this.livelock.cycle));
    // combine() inlined: no pair per actor.
    let a = h[0];
    let b = h[1];
    for (const s of this.order) {
      const next = s.hash ?? (s.hash = Simulation.slotHash(s));
      a = foldA(a, next[0]);
      b = foldB(b, next[1]);
    }
    const h1 = Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909);
    const h2 = Math.imul(b ^ (b >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return 4294967296 * (2097151 & h2) + (h1 >>> 0);
  }

  /** One actor's identity: state, context, pending timer event and mailbox (without times). */
  private static slotHash(s: Slot): Pair {
    return hashValue([
      s.entry.id,
      s.snap.value,
      s.snap.context,
      s.timer ? s.timer.event : null,
      s.mail.map((m) => [m.from, m.event]),
    ]);
  }

  /** Rebuilds the slots for another set of actors (filled in by `loadWorld`). */
  private resetSlots(entries: readonly ActorEntry[]): void {
    this.slots = new Map();
    this.order = [];
    this.threads = [];
    this.active = this.threads;
    this.byKind = new Map();
    for (const entry of entries) {
      const metas = this.metaByKind.get(entry.kind)!;
      this.addSlot({
        entry,
        runner: this.runners.get(entry.kind)!,
        metas,
        snap: null as unknown as Snapshot,
        meta: undefined,
        timer: undefined,
        mail: [],
        touched: false,
        hash: undefined,
        keys: new Map(),
      });
    }
    this.entries = entries;
  }

  // ---- checkpoints --------------------------------------------------------------

  private saveCheckpoint(): void {
    if (this.checkpoints.some((c) => c.step === this.step)) return;
    const watch: LoopWatch = {
      calm: this.calmRun,
      afterLoad: this.afterLoad,
      from: this.watchFrom,
      seen: this.seenAt.size ? new Map(this.seenAt) : null,
      movers: this.watchMovers.slice(),
    };
    this.checkpoints.push({ ...this.saveWorld(), verdict: this.verdict, watch });
  }

  private restore(cp: Checkpoint<S>): void {
    this.loadWorld(cp);
    this.verdict = cp.verdict;
    this.calmRun = cp.watch.calm;
    this.afterLoad = cp.watch.afterLoad;
    this.watchFrom = cp.watch.from;
    if (cp.watch.seen) for (const [k, v] of cp.watch.seen) this.seenAt.set(k, v);
    this.watchMovers = cp.watch.movers.slice();
    this.trace.truncate(cp.step);
    while (this.heldOpen.length && this.heldOpen[this.heldOpen.length - 1].step >= cp.step) this.heldOpen.pop();
    this.lastOwner.clear();
    for (const h of this.trace.handoffs) this.lastOwner.set(h.lock, h.to);
    this.cyclic = hasCycle(this.trace.openEdges());
    const later = this.checkpoints.findIndex((c) => c.step > cp.step);
    if (later >= 0) this.checkpoints.length = later;
  }

  // ---- continuing as another run (the page's re-simulation after an edit) --------

  /**
   * Becomes the run of `inputs` (same variant, seed and semantics, e.g. other
   * commands from some time on), trace and all, from its last checkpoint that
   * `patch` can turn into that run's own world; `patch` returns null from the
   * first checkpoint on which the runs may differ. Sound only when the runs
   * take the same steps up to there and `patch` makes up every difference
   * in the world (the caller proves it). Checkpoints taken while a recurrence
   * was being watched are dropped: the watch holds state keys of the old world.
   * Returns the step it continues from, or null (and changes nothing) when no
   * checkpoint can be used.
   */
  rebase(inputs: RunInputs<C>, patch: (w: WorldState<S>) => WorldState<S> | null): number | null {
    const a = this.inputs;
    const same = (k: keyof RunInputs<C>) => (a[k] ?? null) === (inputs[k] ?? null);
    if (!(['variant', 'seed', 'untimed', 'record', 'execution'] as const).every(same)) return null;
    const kept: Checkpoint<S>[] = [];
    for (const c of this.checkpoints) {
      if (c.watch.seen) continue;
      const w = patch(c);
      if (!w) break;
      kept.push({ ...c, ...w });
    }
    // `seek` starts from the checkpoint at step 0.
    if (kept[0]?.step !== 0) return null;
    this.checkpoints.length = 0;
    this.checkpoints.push(...kept);
    // The new run's own inputs: its manual choices and config drive the steps from here.
    (this as { inputs: RunInputs<C> }).inputs = inputs;
    const cp = kept[kept.length - 1];
    this.restore(cp);
    this.choiceLog.length = Math.min(this.choiceLog.length, cp.step);
    return cp.step;
  }
}
