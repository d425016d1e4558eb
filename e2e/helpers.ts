/** Shared steps of the browser tests, and expectations computed by the core in Node. */
import { expect, type Page } from '@playwright/test';
import { coreOf } from '../src/incidents/cores';
import { scenarioFrom } from '../src/store/appStore';
import { defaultShare, type ShareState } from '../src/url/hash';
import { encodeHash } from '../src/url/hash';

type Over = Partial<Omit<ShareState, 'settings'>> & Record<string, unknown>;
const SHARE_KEYS = new Set(['incident', 'variant', 'seed', 'until', 'commands', 'manual', 'untimed', 'cursor', 'view']);

/** A share state: the incident's defaults without commands, then `over` (its settings given flat, by key). */
export const base = (over: Over): ShareState => {
  const d = defaultShare((over.incident as string) ?? 'mod-11658');
  const top = Object.fromEntries(Object.entries(over).filter(([k]) => SHARE_KEYS.has(k)));
  const settings = Object.fromEntries(Object.entries(over).filter(([k]) => !SHARE_KEYS.has(k)));
  return { ...d, commands: [], ...top, settings: { ...d.settings, ...settings } } as ShareState;
};

/** Runs a share state in Node as the page's worker would. */
export function runScenario(s: ReturnType<typeof scenarioFrom>) {
  const core = coreOf(s.incident);
  const sim = core.createSimulation(s);
  sim.run({ until: s.until, maxSteps: s.maxSteps });
  return { sim, report: core.report(sim) };
}

/** Opens a state and waits until the run is drawn. */
export async function open(page: Page, state: ShareState | string) {
  const hash = typeof state === 'string' ? state : encodeHash(state);
  await page.goto(`./${hash}`);
  await expect(page.locator('.cursor-info')).toContainText('step', { timeout: 20_000 });
  await expect(page.locator('.busy')).toHaveCount(0, { timeout: 20_000 });
}

/** The step at or after virtual time `t` in a run without commands (the cursor to inject at). */
export function stepAt(state: ShareState, t: number): { step: number; at: number } {
  const { sim } = runScenario(scenarioFrom(state));
  const times = sim.trace.stepTimes;
  let step = times.findIndex((x) => x >= t);
  if (step < 0) step = times.length - 1;
  return { step, at: times[step] };
}

/** What the core says happens when `text` is sent at `at`. */
export function outcomeOf(state: ShareState, at: number, text: string) {
  return runScenario(scenarioFrom({ ...state, commands: [...state.commands, { at, text }] })).report;
}
