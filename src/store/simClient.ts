/**
 * Talks to the simulation worker. Only the newest request of each kind
 * matters: an answer to a request that was superseded is dropped.
 */
import type { FromWorker, LoadedRun, ToWorker } from '../worker/protocol';
import type { Scenario } from '../incidents/mod-11658/scenario';
import type { StateAt } from '../incidents/mod-11658/view';
import type { VariantRun } from '../incidents/mod-11658/compare';
import type { PackedTrace } from '../engine/packed';
import type { FateSample } from '../engine/futures';

type Handlers = {
  loaded: (run: LoadedRun) => void;
  state: (s: StateAt) => void;
  compared: (runs: VariantRun[], traces: PackedTrace[]) => void;
  fates: (done: number, samples: FateSample[] | null) => void;
  error: (message: string) => void;
};

export class SimClient {
  private worker: Worker | null = null;
  private seq = 0;
  private latestLoad = 0;
  private latestState = 0;
  private latestCompare = 0;
  private latestFates = 0;

  constructor(private readonly on: Handlers) {}

  private get w(): Worker {
    if (!this.worker) {
      this.worker = new Worker(new URL('../worker/sim.worker.ts', import.meta.url), { type: 'module' });
      this.worker.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data);
      this.worker.onerror = (e) => this.on.error(e.message || 'the simulation worker failed');
    }
    return this.worker;
  }

  load(scenario: Scenario): void {
    this.latestLoad = ++this.seq;
    this.latestState = 0;
    this.latestFates = 0;
    this.post({ type: 'load', id: this.latestLoad, scenario });
  }

  fates(): void {
    this.latestFates = ++this.seq;
    this.post({ type: 'fates', id: this.latestFates });
  }

  compare(scenario: Scenario, variants: string[]): void {
    this.latestCompare = ++this.seq;
    this.post({ type: 'compare', id: this.latestCompare, scenario, variants });
  }

  stateAt(step: number): void {
    this.latestState = ++this.seq;
    this.post({ type: 'stateAt', id: this.latestState, step });
  }

  private post(m: ToWorker) {
    this.w.postMessage(m);
  }

  private receive(m: FromWorker) {
    if (m.type === 'loaded') {
      if (m.id === this.latestLoad) this.on.loaded(m);
    } else if (m.type === 'state') {
      if (m.id === this.latestState) this.on.state(m.state);
    } else if (m.type === 'fates') {
      if (m.id === this.latestFates) this.on.fates(m.done, m.samples);
    } else if (m.type === 'compared') {
      if (m.id === this.latestCompare) this.on.compared(m.runs, m.traces);
    } else if (
      m.id === this.latestLoad ||
      m.id === this.latestState ||
      m.id === this.latestCompare ||
      m.id === this.latestFates
    )
      this.on.error(m.message);
  }
}
