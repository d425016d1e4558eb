/** The main story on screen: play, inject the command, watch the cycle close (or not). */
import { expect, test } from '@playwright/test';
import { base, open, outcomeOf, stepAt } from './helpers';

test('prefix: play, inject FT.CONFIG SET WORKERS 0 through the console, and the deadlock is announced and drawn', async ({
  page,
}) => {
  // A seed whose injection at ~300 ms hangs, found by the core itself.
  let state = base({ seed: 1, until: 900 });
  let cursor = stepAt(state, 300);
  for (let seed = 1; outcomeOf(state, cursor.at, 'FT.CONFIG SET WORKERS 0').outcome !== 'deadlock'; seed++) {
    state = base({ seed, until: 900 });
    cursor = stepAt(state, 300);
  }
  const expected = outcomeOf(state, cursor.at, 'FT.CONFIG SET WORKERS 0');
  await open(page, state);

  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.evaluate(
    (step) => (window as unknown as { __app: { setCursor(n: number): void } }).__app.setCursor(step),
    cursor.step,
  );
  await expect(page.locator('.cursor-info')).toContainText(`step ${cursor.step} /`);

  await page.getByLabel('Command', { exact: true }).fill('FT.CONFIG SET WORKERS 0');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByLabel('Console output')).toContainText('(no reply: the server is not answering)', {
    timeout: 20_000,
  });

  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByTestId('status')).toContainText(`Deadlock: ${expected.cycle.join(' → ')}`, {
    timeout: 30_000,
  });
  await expect(page.getByTestId('explanation')).toContainText(
    'main holds the GIL and spins in barrier_wait_and_destroy',
  );
  const graph = page.getByTestId('waitfor-graph');
  await expect(graph.locator('[data-cycle]')).toHaveCount(expected.cycle.length);
  await expect(page.getByRole('img', { name: /Wait-for graph with a deadlock cycle main/ })).toBeVisible();
});

test('fixed: the same command completes, OK comes back and queries keep succeeding', async ({ page }) => {
  const state = base({ variant: 'fixed', seed: 1, until: 900 });
  const cursor = stepAt(state, 300);
  await open(page, state);
  await page.evaluate(
    (step) => (window as unknown as { __app: { setCursor(n: number): void } }).__app.setCursor(step),
    cursor.step,
  );
  await page.getByLabel('Command', { exact: true }).fill('FT.CONFIG SET WORKERS 0');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Console output')).toContainText('OK', { timeout: 20_000 });
  await expect(page.getByTestId('status')).toContainText('no deadlock');
  await page.evaluate(() => (window as unknown as { __app: { setCursor(n: number): void } }).__app.setCursor(1e9));
  await expect(page.getByTestId('ping-waiting')).toHaveCount(0);
  const sent = Number(await page.getByTestId('sent').textContent());
  expect(sent).toBeGreaterThan(100);
});

test('bad console input gets Redis\u2019s reply, not a crash', async ({ page }) => {
  await open(page, base({ until: 400 }));
  await page.getByLabel('Command', { exact: true }).fill('FT.CONFIG SET WORKERS 17');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByLabel('Console output')).toContainText('(error) Number of worker threads cannot exceed 16', {
    timeout: 20_000,
  });
  await page.getByLabel('Command', { exact: true }).fill('PING "unterminated');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByLabel('Console output')).toContainText('Invalid argument(s)');
});
