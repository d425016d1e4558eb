/** Shared steps of the browser tests, and expectations computed by the core in Node. */
import { expect, type Page } from '@playwright/test';
import { runScenario } from '../src/incidents/mod-11658/scenario';
import { scenarioFrom } from '../src/store/appStore';
import { DEFAULT_SHARE, encodeHash, type ShareState } from '../src/url/hash';

export const base = (over: Partial<ShareState>): ShareState => ({ ...DEFAULT_SHARE, commands: [], ...over });

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
