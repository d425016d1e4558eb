/**
 * Talks to the simulation worker through Comlink. Only the newest request
 * of each kind matters: an answer to a request that was superseded is dropped.
 * A run reports its progress while it is made and can be cancelled.
 */
import * as Comlink from 'comlink';
import type { LoadedRun, RunProgress } from '../worker/protocol';
import type { SimApi } from '../worker/sim.worker';
import type { Scenario, StateAt } from '../incidents/module';
import type { VariantRun } from '../incidents/compare';
import type { PackedTrace } from '../engine/packed';
import type { FateSample } from '../engine/futures';

type Handlers = {
  loaded: (run: LoadedRun) => void;
  /** How far the run being made has got (after each slice of the worker's). */
  progress: (p: RunProgress) => void;
  state: (s: StateAt) => void;
  compared: (runs: VariantRun[], traces: PackedTrace[]) => void;
  fates: (done: number, samples: FateSample[] | null) => void;
  error: (message: string) => void;
  /** The run itself could not be made (a bad manual choice, a scenario the model refuses). */
  loadFailed: (message: string) => void;
};

type Kind = 'load' | 'state' | 'compare' | 'fates' | 'due';

export class SimClient {
  private remote: Comlink.Remote<SimApi> | null = null;
  private seq = 0;
  private readonly latest: Record<Kind, number> = { load: 0, state: 0, compare: 0, fates: 0, due: 0 };

  constructor(private readonly on: Handlers) {}

  private get api(): Comlink.Remote<SimApi> {
    if (!this.remote) {
      const worker = new Worker(new URL('../worker/sim.worker.ts', import.meta.url), { type: 'module' });
      worker.onerror = (e) => this.on.error(e.message || 'the simulation worker failed');
      this.remote = Comlink.wrap<SimApi>(worker);
    }
    return this.remote;
  }

  /** Runs `call` as the newest request of its kind; `then` sees its answer only if nothing newer was asked. */
  private request<T>(kind: Kind, call: () => Promise<T>, then: (value: T) => void, fail = this.on.error): void {
    const id = ++this.seq;
    this.latest[kind] = id;
    call().then(
      (v) => {
        if (this.latest[kind] === id) then(v);
      },
      (err: unknown) => {
        if (this.latest[kind] === id) fail(err instanceof Error ? err.message : String(err));
      },
    );
  }

  load(scenario: Scenario): void {
    this.latest.state = 0;
    this.latest.fates = 0;
    this.latest.due = 0;
    const id = this.seq + 1;
    const progress = Comlink.proxy((p: RunProgress) => {
      if (this.latest.load === id) this.on.progress(p);
    });
    this.request(
      'load',
      () => this.api.load(scenario, progress),
      // Null: a newer run superseded it (and its answer is the one that counts).
      (run) => run && this.on.loaded(run),
      this.on.loadFailed,
    );
  }

  /** Stops the run being made: it is delivered as far as it got (see LoadedRun.stopped). */
  cancel(): void {
    void this.api.cancel();
  }

  fates(): void {
    const id = this.seq + 1;
    const progress = Comlink.proxy((done: number) => {
      if (this.latest.fates === id) this.on.fates(done, null);
    });
    this.request(
      'fates',
      () => this.api.fates(progress),
      (samples) => {
        if (samples) this.on.fates(samples.length, samples);
      },
    );
  }

  compare(scenario: Scenario, variants: string[]): void {
    this.request(
      'compare',
      () => this.api.compare(scenario, variants),
      (r) => this.on.compared(r.runs, r.traces),
    );
  }

  /** Where a manual pick lands (see Session.dueStep); dropped once another run is loaded. */
  dueStep(step: number, key: string, then: (r: { step: number; ran: number } | { error: string }) => void): void {
    this.request('due', () => this.api.dueStep(step, key), then);
  }

  stateAt(step: number): void {
    this.request('state', () => this.api.stateAt(step), this.on.state);
  }
}
