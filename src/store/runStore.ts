/**
 * The page's run state: the scenario being edited, and the last report the
 * simulation worker sent back. Views read it; only `run` talks to the worker.
 */
import { create } from 'zustand';
import { DEFAULT_CONFIG } from '../incidents/mod-11658/config';
import type { RunReport } from '../incidents/mod-11658/report';
import type { Scenario } from '../incidents/mod-11658/scenario';
import type { FromWorker, ToWorker } from '../worker/protocol';

export interface Draft {
  variant: string;
  workers: number;
  clients: number;
  shards: number;
  loadFraction: number;
  seed: number;
  atMs: number;
  command: string;
}

export const DEFAULT_DRAFT: Draft = {
  variant: 'prefix',
  workers: 8,
  clients: 20,
  shards: 1,
  loadFraction: 1,
  seed: 1,
  atMs: 500,
  command: 'FT.CONFIG SET WORKERS 0',
};

export function scenarioOf(d: Draft): Scenario {
  return {
    variant: d.variant,
    seed: d.seed,
    until: d.atMs + 1000,
    config: {
      ...DEFAULT_CONFIG,
      workers: d.workers,
      clients: d.clients,
      shards: d.shards,
      loadFraction: d.loadFraction,
      commands: d.command.trim() ? [{ at: d.atMs, text: d.command.trim() }] : [],
    },
  };
}

interface RunState {
  draft: Draft;
  status: 'idle' | 'running' | 'done' | 'error';
  report: RunReport | null;
  digest: string | null;
  wallMs: number | null;
  error: string | null;
  setDraft: (patch: Partial<Draft>) => void;
  run: () => void;
}

let worker: Worker | null = null;
let nextId = 0;

export const useRunStore = create<RunState>((set, get) => ({
  draft: DEFAULT_DRAFT,
  status: 'idle',
  report: null,
  digest: null,
  wallMs: null,
  error: null,
  setDraft: (patch) => set({ draft: { ...get().draft, ...patch } }),
  run: () => {
    worker ??= new Worker(new URL('../worker/sim.worker.ts', import.meta.url), { type: 'module' });
    const id = ++nextId;
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      const m = e.data;
      if (m.id !== nextId) return;
      if (m.type === 'report') {
        set({ status: 'done', report: m.report, digest: m.digest, wallMs: m.wallMs, error: null });
        // Read by the browser tests to compare the run with Node's.
        (window as unknown as { __lockstep: unknown }).__lockstep = { digest: m.digest };
      } else set({ status: 'error', error: m.message });
    };
    set({ status: 'running', error: null });
    const msg: ToWorker = { type: 'run', id, scenario: scenarioOf(get().draft) };
    worker.postMessage(msg);
  },
}));
