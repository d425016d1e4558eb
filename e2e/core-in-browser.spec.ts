/**
 * The simulation core runs in the browser's Web Worker untouched and gives
 * the same trace as in Node; the built site works from a sub-path.
 */
import { expect, test } from '@playwright/test';
import { traceDigest } from '../src/engine/digest';
import { runScenario } from '../src/incidents/mod-11658/scenario';
import { DEFAULT_DRAFT, scenarioOf } from '../src/store/runStore';

test('the default scenario hangs in the browser exactly as in Node', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  const report = page.getByTestId('report');
  await expect(report).toBeVisible({ timeout: 20_000 });

  const node = runScenario(scenarioOf(DEFAULT_DRAFT));
  await expect(report).toHaveAttribute('data-outcome', node.report.outcome);
  await expect(page.getByRole('status')).toContainText(
    node.report.outcome === 'deadlock' ? 'Deadlock at' : 'No deadlock',
  );
  const digest = await page.evaluate(
    () => (window as unknown as { __lockstep?: { digest: string | null } }).__lockstep?.digest,
  );
  expect(digest).toBe(traceDigest(node.sim));
  expect(errors).toEqual([]);
});

test('the fixed variant completes, and a bad value is named instead of run', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('report')).toBeVisible({ timeout: 20_000 });
  await page.getByLabel('Variant').selectOption('fixed');
  await page.getByRole('button', { name: 'Run scenario' }).click();
  await expect(page.getByTestId('report')).toHaveAttribute('data-outcome', 'ok', { timeout: 20_000 });
  await expect(page.getByText('FT.CONFIG SET WORKERS 0 at 500.000 ms: OK')).toBeVisible();

  await page.getByLabel('Initial WORKERS').fill('17');
  await expect(page.getByText('Initial WORKERS must be from 0 to 16')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run scenario' })).toBeDisabled();
});
