/**
 * One call that runs a MOD-11658 scenario headless: used by the command-line
 * runner, the benchmark and the tests (and, unchanged, by a Web Worker).
 */
import { Simulation } from '../../engine/simulation';
import type { ExecutionMode } from '../../engine/machineRunner';
import { DEFAULT_CONFIG, type Mod11658Config } from './config';
import { mod11658, type Mod11658Shared } from './index';
import { report, type RunReport } from './report';

export interface Scenario {
  variant: string;
  seed: number;
  /** Virtual ms; Infinity runs until only the periodic PING could move. */
  until: number;
  config: Mod11658Config;
  choices?: Record<number, string>;
  execution?: ExecutionMode;
  maxSteps?: number;
  /** Untimed semantics (see RunInputs.untimed). */
  untimed?: boolean;
  /** Record the trace (default true). */
  record?: boolean;
}

export const DEFAULT_SCENARIO: Scenario = { variant: 'prefix', seed: 1, until: 2000, config: DEFAULT_CONFIG };

export function createSimulation(s: Scenario): Simulation<Mod11658Config, Mod11658Shared> {
  return new Simulation(mod11658, {
    variant: s.variant,
    seed: s.seed,
    // The main thread's event loop reads the semantics from its input (see machines/mod-11658/main).
    config: s.untimed ? { ...s.config, untimed: true } : s.config,
    choices: s.choices,
    execution: s.execution,
    untimed: s.untimed,
    record: s.record,
  });
}

export function runScenario(s: Scenario): { sim: Simulation<Mod11658Config, Mod11658Shared>; report: RunReport } {
  const sim = createSimulation(s);
  sim.run({ until: s.until, maxSteps: s.maxSteps });
  return { sim, report: report(sim) };
}
