/**
 * The one place that touches XState's execution. Two modes give the same
 * result (see flatMachine.test.ts):
 * - `xstate`: XState v5's own pure transition, with one inert actor scope
 *   reused per machine (the exported `transition()` builds a new actor and
 *   system on every call: about 46k transitions/s here, 3x slower).
 * - `compiled` (default): the machine's definition run by `FlatProgram`,
 *   for machines inside the flat subset; others fall back to `xstate`.
 */
import { createActor, initialTransition, type AnyStateMachine, type EventObject } from 'xstate';
import { compileFlat, type FlatProgram } from './flatMachine';

/** An action a machine asked for, returned as data: the engine interprets it. */
export interface EffectRequest {
  type: string;
  params: Record<string, unknown> | undefined;
}

/** What the engine needs of a snapshot: a flat state name and the context. */
export interface Snapshot {
  value: unknown;
  context: unknown;
}

export type ExecutionMode = 'compiled' | 'xstate';

interface InertScope {
  actionExecutor: (action: { type: string; params?: unknown }) => void;
  [key: string]: unknown;
}

const shared = new WeakMap<AnyStateMachine, Partial<Record<ExecutionMode, MachineRunner>>>();

export class MachineRunner {
  /**
   * One runner per machine and mode, shared by every simulation: building one
   * (an inert actor, the compiled program) costs far more than a short run.
   * Sharing is safe because a step's effects are read before the next step.
   */
  static for(machine: AnyStateMachine, mode: ExecutionMode = 'compiled'): MachineRunner {
    let byMode = shared.get(machine);
    if (!byMode) shared.set(machine, (byMode = {}));
    return (byMode[mode] ??= new MachineRunner(machine, mode));
  }

  private readonly scope: InertScope;
  private readonly buffer: EffectRequest[] = [];
  private readonly program: FlatProgram | null;

  constructor(
    readonly machine: AnyStateMachine,
    mode: ExecutionMode = 'compiled',
  ) {
    this.program = mode === 'compiled' ? compileFlat(machine) : null;
    const self = createActor(machine);
    const system = (self as unknown as { system: unknown }).system;
    this.scope = {
      self,
      system,
      id: '',
      sessionId: '',
      defer: () => {},
      logger: () => {},
      stopChild: () => {},
      emit: () => {},
      actionExecutor: (action) => {
        this.buffer.push({ type: action.type, params: action.params as Record<string, unknown> | undefined });
      },
    };
  }

  get compiled(): boolean {
    return this.program !== null;
  }

  /** The machine's initial snapshot for `input`, and the entry effects it requested. */
  initial(input: unknown): { snapshot: Snapshot; effects: EffectRequest[] } {
    if (this.program) {
      const effects: EffectRequest[] = [];
      return { snapshot: this.program.initial(input, effects), effects };
    }
    const [snapshot, actions] = initialTransition(this.machine, input);
    const effects = actions.map((a) => ({
      type: a.type,
      params: (a as { params?: Record<string, unknown> }).params,
    }));
    const snap = this.program ? { value: snapshot.value, context: snapshot.context } : snapshot;
    return { snapshot: snap, effects };
  }

  /**
   * A pure transition: the next snapshot (the same object when nothing
   * happened) and the effects to interpret, in order. The effects array is
   * reused by the next call: read it first.
   */
  step(snapshot: Snapshot, event: EventObject): { snapshot: Snapshot; effects: EffectRequest[] } {
    this.buffer.length = 0;
    if (this.program) {
      const next = this.program.step(snapshot as never, event as never, this.buffer);
      return { snapshot: next, effects: this.buffer };
    }
    const next = (
      this.machine as unknown as {
        transition: (s: Snapshot, e: EventObject, scope: InertScope) => Snapshot;
      }
    ).transition(snapshot, event, this.scope);
    return { snapshot: next, effects: this.buffer };
  }
}
