/**
 * Simulation speed: steps per second and the wall time to simulate 10,000
 * queries (20 clients, WORKERS 8, standalone, no injection), for each
 * execution mode. Median of several runs after a warm-up.
 */
import { DEFAULT_CONFIG } from '../src/incidents/mod-11658/config';
import { runScenario } from '../src/incidents/mod-11658/scenario';
import type { ExecutionMode } from '../src/engine/machineRunner';

export interface SimBench {
  execution: ExecutionMode;
  queries: number;
  completed: number;
  steps: number;
  medianMs: number;
  stepsPerSecond: number;
  runsMs: number[];
}

function once(execution: ExecutionMode, queries: number) {
  const start = performance.now();
  const { report } = runScenario({
    variant: 'prefix',
    seed: 1,
    until: Infinity,
    execution,
    config: { ...DEFAULT_CONFIG, workers: 8, clients: 20, queries },
  });
  return { ms: performance.now() - start, steps: report.steps, completed: report.stats.completed };
}

export function benchSim(execution: ExecutionMode, runs: number, queries = 10_000): SimBench {
  once(execution, 1000);
  const results = Array.from({ length: runs }, () => once(execution, queries));
  const sorted = results.map((r) => r.ms).sort((a, b) => a - b);
  const medianMs = sorted[Math.floor(sorted.length / 2)];
  return {
    execution,
    queries,
    completed: results[0].completed,
    steps: results[0].steps,
    medianMs,
    stepsPerSecond: Math.round(results[0].steps / (medianMs / 1000)),
    runsMs: results.map((r) => Math.round(r.ms)),
  };
}
