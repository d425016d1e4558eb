/**
 * A long run in the page (issue 10, §4): it shows its progress while the
 * worker simulates, Cancel keeps the run up to where it got and leaves the
 * page usable, Continue picks it up again; an edit re-simulates from the last
 * checkpoint before it. Every run is the one Node makes from the same link.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { traceDigest } from '../src/engine/digest';
import { scenarioFrom } from '../src/store/appStore';
import { encodeHash, type ShareState } from '../src/url/hash';
import { base, open, runScenario } from './helpers';

const WORKERS_0 = { id: 'cmd-1', at: 500, text: 'FT.CONFIG SET WORKERS 0' };
/** About 370,000 steps: several seconds in the worker. */
const long = base({ variant: 'fixed', workers: 16, clients: 200, until: 20_000, commands: [WORKERS_0] });

type Run = { stopped: { t: number; steps: number } | null; resumed: { step: number } | null; digest: string };
const run = (page: Page) =>
  page.evaluate(() => (window as never as { __app: { state(): { run: Run } } }).__app.state().run);
const stepsShown = async (page: Page) =>
  Number((await page.getByTestId('run-progress-text').textContent())!.match(/([\d,]+) steps/)![1].replace(/,/g, ''));
/** The run of `state` in Node, stopped after `steps` steps as the page's was. */
const digestUpTo = (state: ShareState, steps: number) =>
  traceDigest(runScenario({ ...scenarioFrom(state), maxSteps: steps }).sim);

test('a long run shows its progress; Cancel keeps it up to there, the page stays usable, Continue goes on', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto(`./${encodeHash(long)}`);
  const panel = page.getByTestId('run-progress');
  await expect(panel).toContainText('Simulating', { timeout: 15_000 });
  const first = await stepsShown(page);
  await expect.poll(() => stepsShown(page), { timeout: 10_000 }).toBeGreaterThan(first);
  expect(Number(await panel.locator('progress').getAttribute('value'))).toBeGreaterThan(0);
  expect((await new AxeBuilder({ page }).include('[data-testid=run-progress]').analyze()).violations).toEqual([]);
  // The page is not frozen while the worker simulates: a frame comes at once.
  const before = performance.now();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  expect(performance.now() - before).toBeLessThan(1000);

  // Cancel from the keyboard: the button is a real one.
  await panel.getByRole('button', { name: 'Cancel' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status')).toContainText('Stopped at', { timeout: 10_000 });
  await expect(page.getByTestId('status')).toContainText('the page shows the run up to there');
  await expect(panel).toContainText('Stopped at');
  await expect(panel.getByRole('button', { name: 'Continue' })).toBeFocused();
  await expect(page.locator('.busy')).toHaveCount(0);
  const stopped = await run(page);
  expect(stopped.stopped!.steps).toBeGreaterThan(first);
  expect(stopped.stopped!.t).toBeLessThan(20_000);
  // What the page kept is exactly the run as far as it got.
  expect(stopped.digest).toBe(digestUpTo(long, stopped.stopped!.steps));
  await expect(page.locator('.cursor-info')).toContainText(`/ ${stopped.stopped!.steps}`);

  // The page is usable: the cursor steps through the run kept.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  const cursor = () =>
    page.evaluate(() => (window as never as { __app: { state(): { cursor: number } } }).__app.state().cursor);
  const at = await cursor();
  await page.keyboard.press('ArrowRight');
  await expect.poll(cursor).toBe(at + 1);

  // Continue picks the run up at its last checkpoint, not at step 0.
  await panel.getByRole('button', { name: 'Continue' }).click();
  await expect(panel).toContainText('checkpoint at', { timeout: 10_000 });
  await expect.poll(() => stepsShown(page), { timeout: 10_000 }).toBeGreaterThan(stopped.stopped!.steps);
  await panel.getByRole('button', { name: 'Cancel' }).click();
  await expect(panel).toContainText('Stopped at', { timeout: 10_000 });
  const again = await run(page);
  expect(again.resumed!.step).toBeGreaterThan(0);
  expect(again.digest).toBe(digestUpTo(long, again.stopped!.steps));
  await panel.getByRole('button', { name: 'Dismiss' }).click();
  await expect(panel).toHaveCount(0);
});

test('an edit late in a run re-simulates from the last checkpoint before it: the same trace as a fresh run', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const state = base({ variant: 'fixed', workers: 16, clients: 200, until: 3000, commands: [WORKERS_0] });
  await open(page, state);
  await page.evaluate(() =>
    (window as never as { __app: { state(): { addCommand(at: number, text: string): void } } }).__app
      .state()
      .addCommand(2500, 'PING'),
  );
  await expect.poll(async () => (await run(page)).resumed?.step ?? 0, { timeout: 30_000 }).toBeGreaterThan(0);
  await expect(page.locator('.busy')).toHaveCount(0);
  const edited = { ...state, commands: [WORKERS_0, { id: 'cmd-2', at: 2500, text: 'PING' }] };
  expect((await run(page)).digest).toBe(traceDigest(runScenario(scenarioFrom(edited)).sim));
});
