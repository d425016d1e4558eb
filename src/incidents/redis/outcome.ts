/**
 * How a run ended, in the report's fields, for any incident: the outcome,
 * when the hang or crash happened (virtual ms and Redis's wall clock), the
 * cycle or looping threads, and one sentence (the incident's own words for
 * a healthy run).
 */
import type { Simulation } from '../../engine/simulation';
import type { Outcome } from '../module';
import { wallClock, type Clock } from './log';

export function outcomeFields(sim: Simulation<unknown, unknown>, clock: Clock, healthy: string) {
  const v = sim.verdict;
  return {
    outcome: (v ? v.outcome : sim.crash ? 'crash' : 'ok') as Outcome,
    deadlockAt: v?.outcome === 'deadlock' ? v.at : null,
    livelockAt: v?.outcome === 'livelock' ? v.at : null,
    crashAt: sim.crash ? sim.crash.at : null,
    deadlockWallClock: v ? wallClock(clock, v.at) : null,
    cycle: v ? v.cycle : [],
    explanation: v ? v.explanation : sim.crash ? `The server crashed: ${sim.crash.message}.` : healthy,
  };
}
