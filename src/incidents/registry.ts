/**
 * The incidents Lockstep can simulate, by their light face (safe for the
 * page's main bundle). Adding an incident is adding its module here and in
 * `cores.ts`; the engine, the runner and the views stay as they are.
 */
import type { IncidentInfo, Preset, Scenario } from './module';
import { completeSettings } from './settings';
import { loadGrid, type SweepSpec } from './sweepSpec';
import { info as mod11658 } from './mod-11658/info';
import { info as redis12290 } from './redis-12290/info';

export const INCIDENTS: readonly IncidentInfo[] = [mod11658, redis12290];
export const DEFAULT_INCIDENT = 'mod-11658';

export function incidentInfo(id: string): IncidentInfo | undefined {
  return INCIDENTS.find((x) => x.id === id);
}

/** Like incidentInfo, for ids already checked: an unknown one is a programming error. */
export function infoOf(id: string): IncidentInfo {
  const i = incidentInfo(id);
  if (!i) throw new Error(`unknown incident '${id}'`);
  return i;
}

/** The incident's default scenario, settings complete. */
export function defaultScenario(id: string): Scenario {
  const i = infoOf(id);
  return {
    incident: id,
    ...i.defaults,
    commands: i.defaults.commands.map((c) => ({ ...c })),
    settings: completeSettings(i.settings, i.defaults.settings ?? {}),
  };
}

/** What differs from the defaults (a preset's, a tour chapter's), over them: a whole scenario. */
export function scenarioOver(id: string, over: Preset['scenario']): Scenario {
  const i = infoOf(id);
  const base = defaultScenario(id);
  return {
    ...base,
    ...over,
    commands: (over.commands ?? base.commands).map((c) => ({ ...c })),
    settings: completeSettings(i.settings, { ...base.settings, ...over.settings }),
  };
}

/** A preset as a whole scenario. */
export function presetScenario(id: string, presetId: string): Scenario | undefined {
  const p = infoOf(id).ui.presets.find((x) => x.id === presetId);
  return p && scenarioOver(id, p.scenario);
}

/** The incident's default race-window sweep, or undefined when it has none. */
export function defaultSweep(id: string): SweepSpec | undefined {
  const i = infoOf(id);
  const w = i.sweep;
  if (!w) return undefined;
  return {
    incident: id,
    variant: i.defaults.variant,
    seeds: w.seeds,
    at: [...w.at],
    command: w.command,
    base: completeSettings(i.settings, { ...i.defaults.settings, ...w.base }),
    loads: loadGrid(w.dims),
    windowMs: w.windowMs,
  };
}
