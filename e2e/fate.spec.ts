/** The point of no return on a timed run, and the moment a crash happens. */
import { expect, test } from '@playwright/test';
import { pointOfNoReturn, type FateSample } from '../src/engine/futures';
import { scenarioFrom } from '../src/store/appStore';
import { DEFAULT_SHARE } from '../src/url/hash';
import { runScenario } from './helpers';
import { Session } from '../src/worker/session';
import { base, open } from './helpers';

function band(state: typeof DEFAULT_SHARE): FateSample[] {
  const gen = new Session(scenarioFrom(state)).fateBand();
  let r = gen.next();
  while (!r.done) r = gen.next();
  return r.value;
}

test('the sampled point of no return: the same step as in Node, reachable by button and by the strip', async ({
  page,
}) => {
  const state = { ...DEFAULT_SHARE };
  const samples = band(state);
  const p = samples[pointOfNoReturn(samples)];
  await open(page, state);
  const summary = page.getByTestId('fate-summary');
  await expect(summary).toContainText(`Step ${p.step.toLocaleString('en-US')} (`, { timeout: 60_000 });
  await expect(summary).toContainText('every one of 12 sampled futures hangs');

  await page.getByRole('button', { name: 'Go to the point of no return' }).click();
  await expect(page.locator('.cursor-info')).toContainText(`step ${p.step} /`);

  // A click on the strip at the far right goes to a sample from the red stretch.
  await page.getByRole('button', { name: 'Fit deadlock' }).click();
  const strip = page.getByTestId('fate-strip');
  const box = (await strip.boundingBox())!;
  await strip.click({ position: { x: box.width - 2, y: 5 } });
  const step = Number(await page.locator('.cursor-info strong').first().textContent());
  expect(samples.map((s) => s.step)).toContain(step);
  expect(step).toBeGreaterThanOrEqual(p.step);
});

test('a crash is marked: jump to it, fit it, and the band is red where it is certain', async ({ page }) => {
  let state = base({ variant: 'barrier-timeout', until: 2000, commands: DEFAULT_SHARE.commands });
  for (let seed = 1; runScenario(scenarioFrom(state)).report.outcome !== 'crash'; seed++) state = { ...state, seed };
  const { sim } = runScenario(scenarioFrom(state));
  await open(page, state);
  await expect(page.getByRole('button', { name: 'Jump to deadlock' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Jump to crash' }).click();
  await expect(page.locator('.cursor-info')).toContainText(`step ${sim.crash!.step} /`);
  await page.getByRole('button', { name: 'Fit crash' }).click();
  await expect(page.getByTestId('fate-summary')).toContainText('every one of 12 sampled futures crashes', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('fate-summary')).toContainText(
    `The server crashes at step ${sim.crash!.step.toLocaleString('en-US')} (proved).`,
  );
});

test('the point of no return says what had happened by that step, computed from the run', async ({ page }) => {
  const state = { ...DEFAULT_SHARE };
  const samples = band(state);
  const p = samples[pointOfNoReturn(samples)];
  expect(p.note).toMatch(/^That step: \S+ takes \S+\. Then: /);
  await open(page, state);
  const summary = page.getByTestId('fate-summary');
  const command = state.commands[0];
  await expect(summary).toContainText(`before ${command.text} is sent`, { timeout: 60_000 });
  await page.getByText('What had happened by then, and how sure is this?').click();
  await expect(page.getByTestId('fate-moment')).toHaveText(p.note!);
});

test('nothing below the band moves when the point of no return arrives', async ({ page }) => {
  // Every animation frame from the first paint, the timeline's top: one value, or the layout jumped.
  await page.addInitScript(() => {
    const w = window as unknown as { tops: number[] };
    w.tops = [];
    const watch = () => {
      const el = document.querySelector('.timeline');
      if (el) {
        const top = Math.round(el.getBoundingClientRect().top + window.scrollY);
        if (w.tops[w.tops.length - 1] !== top) w.tops.push(top);
      }
      requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
  });
  await open(page, { ...DEFAULT_SHARE });
  await expect(page.getByTestId('fate-summary')).toContainText('sampled futures', { timeout: 60_000 });
  const tops = await page.evaluate(() => (window as unknown as { tops: number[] }).tops);
  expect(tops.length).toBeGreaterThan(0);
  expect(new Set(tops).size).toBe(1);
});
