/**
 * The effect vocabulary every machine uses. Implementations are empty on
 * purpose: XState returns these actions as data from a pure transition and
 * the engine interprets them (timers, mailboxes, logs, spawning).
 */
import type { LogLevel, SimEvent } from '../engine/types';

export interface SendParams {
  /** One recipient, or several for a broadcast (e.g. a barrier opening). */
  to: string | readonly string[];
  event: SimEvent;
  /** Named cost (e.g. `net`) for thread-to-thread messages. */
  cost?: string;
  delay?: number;
}
export interface AfterParams {
  event: SimEvent;
  cost?: string;
  ms?: number;
  /** Absolute virtual time. */
  at?: number;
}
export interface LogParams {
  level: LogLevel;
  message: string;
}
export interface SpawnParams {
  id: string;
  kind: string;
  input: unknown;
}
export interface NoteParams {
  kind: string;
  [key: string]: unknown;
}

export interface CrashParams {
  /** Who touched what it must not. */
  actor: string;
  message: string;
}

export const effects = {
  crash: (_: unknown, _p: CrashParams) => {},
  send: (_: unknown, _p: SendParams) => {},
  after: (_: unknown, _p: AfterParams) => {},
  cancel: () => {},
  log: (_: unknown, _p: LogParams) => {},
  spawn: (_: unknown, _p: SpawnParams) => {},
  note: (_: unknown, _p: NoteParams) => {},
};
