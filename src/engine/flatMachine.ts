/**
 * A compiled executor for flat XState v5 machines: the speed workaround that
 * the engine notes ask to keep in one place. XState's pure transition costs
 * about 7 us here; a run of 10,000 queries needs about 250,000 of them.
 *
 * It reads the machine's own definition (state nodes, transitions, guards,
 * actions) and applies the v5 semantics for the subset our machines use:
 * atomic states under one root, guarded transitions picked in document
 * order, exit -> transition -> entry actions, `assign` and `enqueueActions`
 * resolved in order, custom actions returned as data with their params
 * resolved against the context at that point, and eventless (`always`)
 * transitions taken after each microstep. A machine outside that subset is
 * not compiled (`compileFlat` returns null) and runs on XState itself.
 * `flatMachine.test.ts` checks both produce the same snapshots and effects.
 */
import type { AnyStateMachine } from 'xstate';
import type { EffectRequest } from './types';

export interface FlatSnapshot {
  value: string;
  context: Record<string, unknown>;
}

type Ctx = Record<string, unknown>;
type Ev = { type: string; [k: string]: unknown };
type GuardFn = (args: { context: Ctx; event: Ev }, params?: unknown) => boolean;

interface Transition {
  target: State | undefined;
  guard: GuardFn | undefined;
  actions: readonly unknown[];
}

interface State {
  name: string;
  entry: readonly unknown[];
  exit: readonly unknown[];
  on: Map<string, Transition[]>;
  always: Transition[] | undefined;
}

interface XNode {
  key: string;
  type: string;
  states: Record<string, XNode>;
  entry: unknown[];
  exit: unknown[];
  transitions: Map<string, XTransition[]>;
  always?: XTransition[];
  config: Record<string, unknown>;
}

interface XTransition {
  target?: XNode[];
  guard?: unknown;
  actions: unknown[];
  reenter: boolean;
  source: XNode;
}

interface BuiltIn {
  type: string;
  assignment?: unknown;
  collect?: (args: unknown, params?: unknown) => void;
}

class Unsupported extends Error {}

const LIMIT = 100;

export class FlatProgram {
  private readonly states = new Map<string, State>();
  private readonly rootEntry: readonly unknown[];
  private readonly initialState: State;
  private readonly contextOf: (input: unknown) => Ctx;

  constructor(private readonly machine: AnyStateMachine) {
    const root = (machine as unknown as { root: XNode }).root;
    const impl = (
      machine as unknown as { implementations: { guards: Record<string, GuardFn>; actions: Record<string, unknown> } }
    ).implementations;
    if (root.transitions.size || root.always?.length || root.config.invoke || root.config.after) {
      throw new Unsupported('root transitions');
    }
    for (const a of Object.values(impl.actions)) {
      if (typeof a === 'function' && 'resolve' in a) throw new Unsupported('built-in action implementation');
    }
    for (const [name, node] of Object.entries(root.states)) {
      if (Object.keys(node.states).length || node.type !== 'atomic') throw new Unsupported(`nested state ${name}`);
      if (node.config.invoke || node.config.after) throw new Unsupported(`invoke/after in ${name}`);
      this.states.set(name, { name, entry: node.entry, exit: node.exit, on: new Map(), always: undefined });
    }
    this.rootEntry = root.entry;
    const initial = (root as unknown as { initial?: { target?: XNode[]; actions?: unknown[] } }).initial;
    if (!initial?.target || initial.target.length !== 1 || initial.actions?.length) throw new Unsupported('initial');
    this.initialState = this.states.get(initial.target[0].key)!;
    const ctx = root.config.context as unknown;
    this.contextOf =
      typeof ctx === 'function'
        ? (input) => (ctx as (a: { input: unknown }) => Ctx)({ input })
        : () => (ctx ?? {}) as Ctx;
    const guardOf = (g: unknown): GuardFn | undefined => {
      if (g === undefined) return undefined;
      if (typeof g === 'string') {
        const fn = impl.guards[g];
        if (!fn) throw new Unsupported(`unknown guard ${g}`);
        return fn;
      }
      if (typeof g === 'function' && !('check' in g)) return g as GuardFn;
      throw new Unsupported('guard object');
    };
    const convert = (t: XTransition): Transition => {
      if ((t.target?.length ?? 0) > 1) throw new Unsupported('multiple targets');
      const target = t.target?.[0];
      if (target === t.source || t.reenter) throw new Unsupported('self transition');
      return { target: target ? this.states.get(target.key)! : undefined, guard: guardOf(t.guard), actions: t.actions };
    };
    for (const [name, node] of Object.entries(root.states)) {
      const state = this.states.get(name)!;
      for (const [type, list] of node.transitions) {
        if (type === '*' || type.startsWith('xstate.')) throw new Unsupported(`event ${type}`);
        state.on.set(type, list.map(convert));
      }
      if (node.always?.length) state.always = node.always.map(convert);
    }
  }

  /** The initial snapshot for `input`: root entry, then the initial state's entry, then eventless transitions. */
  initial(input: unknown, out: EffectRequest[]): FlatSnapshot {
    const event: Ev = { type: 'xstate.init', input };
    let context = this.run(this.rootEntry, this.contextOf(input), event, out);
    context = this.run(this.initialState.entry, context, event, out);
    let snap: FlatSnapshot = { value: this.initialState.name, context };
    let state = this.initialState;
    for (let i = 0; state.always; i++) {
      if (i > LIMIT) throw new Error(`${this.machine.id}: eventless transitions did not settle`);
      const next = this.select(state.always, context, event);
      if (!next) break;
      [state, context] = this.microstep(state, next, context, event, out);
      snap = { value: state.name, context };
    }
    return snap;
  }

  /** One macrostep: the next snapshot (the same object if nothing happened) and its effects in `out`. */
  step(snap: FlatSnapshot, event: Ev, out: EffectRequest[]): FlatSnapshot {
    let state = this.states.get(snap.value)!;
    let context = snap.context;
    let changed = false;
    const first = this.select(state.on.get(event.type), context, event);
    if (first) {
      [state, context] = this.microstep(state, first, context, event, out);
      changed = true;
    }
    for (let i = 0; state.always; i++) {
      if (i > LIMIT) throw new Error(`${this.machine.id}: eventless transitions did not settle`);
      const next = this.select(state.always, context, event);
      if (!next) break;
      [state, context] = this.microstep(state, next, context, event, out);
      changed = true;
    }
    return changed ? { value: state.name, context } : snap;
  }

  private select(list: Transition[] | undefined, context: Ctx, event: Ev): Transition | undefined {
    if (!list) return undefined;
    for (const t of list) if (!t.guard || t.guard({ context, event })) return t;
    return undefined;
  }

  private microstep(state: State, t: Transition, context: Ctx, event: Ev, out: EffectRequest[]): [State, Ctx] {
    if (!t.target) return [state, this.run(t.actions, context, event, out)];
    context = this.run(state.exit, context, event, out);
    context = this.run(t.actions, context, event, out);
    context = this.run(t.target.entry, context, event, out);
    return [t.target, context];
  }

  private run(actions: readonly unknown[], context: Ctx, event: Ev, out: EffectRequest[]): Ctx {
    for (const a of actions) {
      if (typeof a === 'function') {
        const b = a as unknown as BuiltIn;
        if (b.type === 'xstate.assign') context = assign(b.assignment, context, event);
        else if (b.type === 'xstate.enqueueActions') {
          const list: unknown[] = [];
          const enqueue = (action: unknown) => void list.push(action);
          enqueue.assign = (assignment: unknown) =>
            void list.push({ type: 'xstate.assign', assignment, __enqueued: true });
          b.collect!({ context, event, enqueue, check: () => true });
          for (const item of list) {
            const e = item as { type?: string; assignment?: unknown; __enqueued?: boolean };
            if (e.__enqueued) context = assign(e.assignment, context, event);
            else context = this.run([item], context, event, out);
          }
        } else {
          out.push({ type: (a as { name?: string }).name || '(anonymous)', params: undefined });
        }
      } else if (typeof a === 'string') {
        out.push({ type: a, params: undefined });
      } else {
        const o = a as { type: string; params?: unknown };
        const params =
          typeof o.params === 'function' ? (o.params as (x: unknown) => unknown)({ context, event }) : o.params;
        out.push({ type: o.type, params: params as Record<string, unknown> | undefined });
      }
    }
    return context;
  }
}

function assign(assignment: unknown, context: Ctx, event: Ev): Ctx {
  const args = { context, event };
  let partial: Ctx;
  if (typeof assignment === 'function') partial = (assignment as (x: unknown) => Ctx)(args);
  else {
    partial = {};
    for (const [k, v] of Object.entries(assignment as Ctx)) {
      partial[k] = typeof v === 'function' ? (v as (x: unknown) => unknown)(args) : v;
    }
  }
  return Object.assign({}, context, partial);
}

/** A compiled program for `machine`, or null if it uses features outside the flat subset. */
export function compileFlat(machine: AnyStateMachine): FlatProgram | null {
  try {
    return new FlatProgram(machine);
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}
