/**
 * One call that runs a Redis #12290 scenario headless: used by the
 * command-line runner and the tests (and, unchanged, by a Web Worker).
 */
import { Simulation } from '../../engine/simulation';
import type { ExecutionMode } from '../../engine/machineRunner';
import { DEFAULT_CONFIG, type Redis12290Config } from './config';
import { redis12290, type Redis12290Shared } from './index';
import { report, type RunReport } from './report';

export interface Scenario {
  variant: string;
  seed: number;
  /** Virtual ms; Infinity runs until only the periodic PING could move. */
  until: number;
  config: Redis12290Config;
  choices?: Record<number, string>;
  execution?: ExecutionMode;
  maxSteps?: number;
  /** Untimed semantics (see RunInputs.untimed). */
  untimed?: boolean;
  /** Record the trace (default true). */
  record?: boolean;
}

export const DEFAULT_SCENARIO: Scenario = { variant: '7.2-rc2', seed: 1, until: 3000, config: DEFAULT_CONFIG };

export type Redis12290Sim = Simulation<Redis12290Config, Redis12290Shared>;

export function createSimulation(s: Scenario): Redis12290Sim {
  return new Simulation(redis12290, {
    variant: s.variant,
    seed: s.seed,
    config: s.config,
    choices: s.choices,
    execution: s.execution,
    untimed: s.untimed,
    record: s.record,
  });
}

export function runScenario(s: Scenario): { sim: Redis12290Sim; report: RunReport } {
  const sim = createSimulation(s);
  sim.run({ until: s.until, maxSteps: s.maxSteps });
  return { sim, report: report(sim) };
}
