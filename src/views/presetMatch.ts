/**
 * Which of an incident's presets the scenario on screen is, if any: the same
 * variant, seed, length, settings and commands (their times and words; the
 * page's command ids do not count). An edit makes it a scenario of its own.
 */
import { presetScenario } from '../incidents/registry';
import type { Preset } from '../incidents/module';
import type { ShareState } from '../url/hash';

const key = (s: Pick<ShareState, 'variant' | 'seed' | 'until' | 'settings' | 'commands'>) =>
  JSON.stringify([
    s.variant,
    s.seed,
    s.until,
    Object.entries(s.settings).sort(([a], [b]) => (a < b ? -1 : 1)),
    s.commands.map((c) => [c.at, c.text]),
  ]);

export function activePreset(presets: readonly Preset[], incident: string, inputs: ShareState): Preset | null {
  const mine = key(inputs);
  return presets.find((p) => key(presetScenario(incident, p.id)!) === mine) ?? null;
}
