/**
 * MOD-11658's race window in its own terms (WORKERS N -> M, loads of
 * clients, LOAD share, query mix and shards), run by the generic sweep
 * (`incidents/sweep.ts`): this module only translates.
 */
import { completeSettings, type Settings } from '../settings';
import * as generic from '../sweep';
import type { Job, Outcome } from '../sweepSpec';
import { toScenario } from './core';
import { info } from './info';
import type { Scenario } from './scenario';
import { SETTINGS } from './settings';

export { deal, undeal, type Cell, type Job, type Outcome } from '../sweepSpec';

export interface Load {
  clients: number;
  /** Share of queries that LOAD document fields (need the GIL in a worker). */
  loadFraction: number;
  /** Share of queries that are FT.AGGREGATE (the rest FT.SEARCH). */
  aggregateFraction: number;
  shards: number;
}

export interface SweepSpec {
  variant: string;
  workers: number;
  target: number;
  seeds: number;
  at: number[];
  loads: Load[];
  windowMs: number;
}

/** Every combination of the listed values, shards outermost, clients innermost. */
export function loadGrid(g: {
  clients: number[];
  loadFractions: number[];
  aggregateFractions: number[];
  shards: number[];
}): Load[] {
  return generic.loadGrid([
    { key: 'shards', values: g.shards },
    { key: 'aggregateFraction', values: g.aggregateFractions },
    { key: 'loadFraction', values: g.loadFractions },
    { key: 'clients', values: g.clients },
  ]) as unknown as Load[];
}

/** Column headers: clients and the share that LOAD always, the query mix and the shards when they vary. */
export const loadLabels = (loads: readonly Load[], short: boolean) =>
  generic.loadLabels(loads as unknown as Settings[], info.sweep!.dims, short);

/** The generic spec of a MOD-11658 sweep. */
export function toGeneric(s: SweepSpec): generic.SweepSpec {
  return {
    incident: 'mod-11658',
    variant: s.variant,
    seeds: s.seeds,
    at: s.at,
    command: `FT.CONFIG SET WORKERS ${s.target}`,
    base: completeSettings(SETTINGS, { ...info.sweep!.base, workers: s.workers }),
    loads: s.loads as unknown as Settings[],
    windowMs: s.windowMs,
  };
}

const DIMS = Object.fromEntries(info.sweep!.dims.map((d) => [d.key, d.values as number[]]));

export const DEFAULT_SWEEP: SweepSpec = {
  variant: 'prefix',
  workers: 8,
  target: 0,
  seeds: info.sweep!.seeds,
  at: [...info.sweep!.at],
  loads: loadGrid({
    clients: DIMS.clients,
    loadFractions: DIMS.loadFraction,
    aggregateFractions: DIMS.aggregateFraction,
    shards: DIMS.shards,
  }),
  windowMs: info.sweep!.windowMs,
};

/** The scenario of one run of the sweep: `job` with the command at `at`. */
export const sweepScenario = (spec: SweepSpec, job: Job, at: number | null): Scenario =>
  toScenario(generic.sweepScenario(toGeneric(spec), job, at));

export const forEachRun = (spec: SweepSpec, job: Job, visit: Parameters<typeof generic.forEachRun>[2]) =>
  generic.forEachRun(toGeneric(spec), job, visit);

export const runJob = (spec: SweepSpec, job: Job): Outcome[] => generic.runJob(toGeneric(spec), job);

export const jobs = (spec: SweepSpec) => generic.jobs(toGeneric(spec));
export const runCount = (spec: SweepSpec) => generic.runCount(toGeneric(spec));
export const cells = (spec: SweepSpec, js: readonly Job[], outcomes: readonly (readonly Outcome[])[]) =>
  generic.cells(toGeneric(spec), js, outcomes);
