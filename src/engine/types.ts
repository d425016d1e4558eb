/**
 * The contract between the generic engine and an incident module. An incident
 * supplies XState machines (threads and passive objects), its initial actors,
 * the moves its objects offer (lock grants, condition wake-ups), its wait-for
 * edges and its words; the engine owns time, mailboxes, timers, randomness,
 * the scheduler and the trace.
 */
import type { AnyStateMachine } from 'xstate';
import type { Rng } from './rng';
import type { EffectRequest, Snapshot } from './machineRunner';

export type { EffectRequest, Snapshot };

export interface SimEvent {
  type: string;
  [key: string]: unknown;
}

/**
 * A thread's timeline span class (its colour), named by the incident. The
 * engine itself uses one: `looping`, for a thread caught in a livelock.
 */
export type SpanKind = string;

/** What a flat thread machine declares in each state's `meta`. */
export interface StateMeta {
  span: SpanKind;
  /** The function the thread is in, in the incident's own words. */
  fn: string;
  /** Innermost-first frames below `fn` for this state (optional). */
  stack?: readonly string[];
  /** The state takes the head of the mailbox. */
  inbox?: boolean;
  /** Event offered when the state has nothing in its mailbox (e.g. beforeSleep). */
  idle?: string;
}

export type Role = 'thread' | 'object';

export interface MachineKind {
  machine: AnyStateMachine;
  role: Role;
}

export interface ActorInit {
  id: string;
  kind: string;
  input: unknown;
}

export interface Message {
  at: number;
  seq: number;
  from: string;
  event: SimEvent;
}

export interface Timer {
  at: number;
  event: SimEvent;
}

export interface ActorEntry {
  id: string;
  kind: string;
  role: Role;
  /** Step at which it was created. */
  born: number;
}

export type MoveSource = 'timer' | 'mailbox' | 'idle' | 'offer';

/** One thing the scheduler may do next: deliver `event` to `actor`. */
export interface Move {
  /** Stable identity within a step: `${actor}:${event.type}`. */
  key: string;
  actor: string;
  event: SimEvent;
  /** Earliest virtual time at which it can happen. */
  at: number;
  source: MoveSource;
  /** For offers: the object that grants (e.g. `gil`), its event goes first. */
  via?: { object: string; event: SimEvent };
}

/** A wait-for edge's label (`held by`, `waits for lock`...), named by the incident. */
export type WaitKind = string;

export interface WaitEdge {
  from: string;
  to: string;
  kind: WaitKind;
  /** For a barrier: how many of its `needs arrival` targets must still arrive. */
  quota?: number;
}

export type LogLevel = 'debug' | 'verbose' | 'notice' | 'warning';

export interface LogRecord {
  t: number;
  step: number;
  level: LogLevel;
  message: string;
  /** The actor whose code printed it. */
  by: string;
  /** Written as is, without pid, time and level (Redis's `LL_RAW`, e.g. a crash report's stack trace). */
  raw?: boolean;
  /** Redis's own line, not a module's (no `<module>` tag). */
  server?: boolean;
}

export interface VariantInfo {
  id: string;
  title: string;
  description: string;
  source: string;
  /** Where a maintainer checks the source: the code at the commit, PR or tag that `source` names. */
  url?: string;
  changes: string;
}

/** Read-only view of the world handed to incident hooks. */
export interface WorldView<S> {
  readonly t: number;
  readonly step: number;
  readonly shared: S;
  snapshot(id: string): Snapshot | undefined;
  actors(): readonly ActorEntry[];
  actorsOfKind(kind: string): readonly ActorEntry[];
  mailbox(id: string): readonly Message[];
  timer(id: string): Timer | undefined;
  meta(id: string): StateMeta | undefined;
}

/** What an incident's effect interpreter may do. */
export interface EffectContext<C, S> {
  readonly actor: string;
  /** The run's variant (e.g. which release's words a reply or a crash report uses). */
  readonly variant: string;
  readonly config: C;
  readonly world: WorldView<S>;
  readonly rng: Rng;
  readonly shared: S;
  /** Deliver an event into a thread's mailbox after `delay` ms. */
  post(to: string, event: SimEvent, delay: number): void;
  log(level: LogLevel, message: string, opts?: { raw?: boolean; server?: boolean }): void;
  note(kind: string, data: Record<string, unknown>): void;
  /** Ends the run as a crash (a signal, a bad access): nothing moves after it. */
  crash(message: string): void;
}

export interface Incident<C, S> {
  id: string;
  title: string;
  variants: readonly VariantInfo[];
  /** Machine kinds for a variant (cached by the engine per variant). */
  machineKinds(variant: string): Record<string, MachineKind>;
  initialActors(config: C): ActorInit[];
  initialShared(config: C): S;
  /** A copy of the shared record (default structuredClone); called per explored state. */
  cloneShared?(shared: S): S;
  /** Virtual cost in ms of a named piece of work, drawn with jitter from `rng`. */
  duration(name: string, config: C, rng: Rng): number;
  /** Push the moves the incident's objects offer now (grants, wake-ups). */
  offers(world: WorldView<S>, push: (move: Move) => void): void;
  /** Interpret an incident-specific effect; return false if unknown. */
  interpret(effect: EffectRequest, ctx: EffectContext<C, S>): boolean;
  /** The wait-for edges of the current world. */
  waitFor(world: WorldView<S>): WaitEdge[];
  /** One sentence, in the incident's words, about a closed cycle. */
  explain(cycle: readonly string[], world: WorldView<S>): string;
  /**
   * Whether taking `move` (in `world`, before it is taken) is progress. A
   * livelock is a stretch of moves none of which is progress that brings the
   * world back to a state it was in (see Simulation). Default: a move is
   * progress when its source is `mailbox` or `idle`, i.e. a message is
   * consumed or the event loop goes to sleep; timers and offers are not.
   */
  progress?(move: Move, world: WorldView<S>): boolean;
  /** One sentence, in the incident's words, about threads caught in an endless loop (a livelock). */
  explainLoop?(actors: readonly string[], world: WorldView<S>): string;
  /** The call stack of a thread, innermost first. */
  stack(world: WorldView<S>, actor: string): string[];
  /** Why a thread cannot move now, in the incident's words (for manual stepping). */
  blockedReason?(world: WorldView<S>, actor: string): string;
  /** Actors whose moves alone do not keep a run going (a periodic monitor). */
  background?: readonly string[];
  /**
   * Kinds whose actors are interchangeable (engine/symmetry): renaming them
   * among themselves, everywhere their ids appear, turns every run into a run.
   * Sound only when no code reads meaning into such an id beyond its identity
   * and ids are whole strings in the world (never inside another string).
   */
  symmetric?: readonly string[];
  /**
   * True when everything the operator asked for has been done and answered:
   * from here no new hang can start, so a sampled future may stop early.
   */
  settled?(world: WorldView<S>): boolean;
  /** The lock objects whose owner the trace follows as handoffs. */
  lockOwner(world: WorldView<S>, id: string): string | null | undefined;
}
