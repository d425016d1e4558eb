/** An incident's own scenario from a generic one: the same run inputs, with the incident's config. */
import type { Scenario } from './module';

export function withConfig<C>(s: Scenario, config: C) {
  return {
    variant: s.variant,
    seed: s.seed,
    until: s.until,
    config,
    choices: s.choices,
    execution: s.execution,
    maxSteps: s.maxSteps,
    untimed: s.untimed,
    record: s.record,
  };
}
