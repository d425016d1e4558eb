/** The explorer on screen: verdicts per variant, a counterexample stepped through in the timeline, and cancel. */
import { expect, test } from '@playwright/test';
import { base, open } from './helpers';
import { exploreBounds } from '../src/incidents/mod-11658/explore';

test('explore, then load the shortest schedule to the deadlock into the timeline', async ({ page }) => {
  const bounds = { workers: 2, target: 0, queries: 1, loadFraction: 1 };
  const expected = exploreBounds({ ...bounds, variant: 'prefix' });
  await open(page, base({ until: 300 }));
  const panel = page.getByRole('region', { name: 'Explore every interleaving' });
  await panel.getByLabel('Queries in flight').fill('1');
  await panel.getByRole('button', { name: 'Explore all variants' }).click();
  await expect(panel.getByTestId('explore-progress')).toHaveText('Done.', { timeout: 60_000 });
  await expect(panel.locator('tr[data-verdict]')).toHaveCount(6);
  await expect(panel.getByRole('row', { name: /^prefix deadlock-reachable/ })).toBeVisible();
  await expect(panel.getByRole('row', { name: /^fixed safe/ })).toBeVisible();
  await expect(panel.getByRole('row', { name: /^barrier-timeout crash-reachable/ })).toBeVisible();

  await panel.getByRole('button', { name: 'Load the prefix schedule into the timeline' }).click();
  await expect(page.locator('.busy')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.locator('.cursor-info')).toContainText(`step ${expected.counterexample!.length} /`);
  await expect(page.getByTestId('explanation')).toContainText(
    'main holds the GIL and spins in barrier_wait_and_destroy',
  );
  await expect(page.getByTestId('waitfor-graph').locator('[data-cycle]')).toHaveCount(expected.cycle!.length);
  await expect(page.getByText('This is an explorer schedule')).toBeVisible();
  // The band: each step's fate, computed by exploring from that step.
  await expect(page.getByTestId('fate-summary')).toContainText('The hang becomes inevitable at step', {
    timeout: 60_000,
  });
  await expect(page.getByRole('button', { name: 'step 0: a hang is possible from here' })).toBeVisible();
  await expect(
    page.getByRole('button', { name: `step ${expected.counterexample!.length}: a hang is already inevitable` }),
  ).toBeVisible();
});

test('a long exploration can be cancelled', async ({ page }) => {
  await open(page, base({ until: 300 }));
  const panel = page.getByRole('region', { name: 'Explore every interleaving' });
  await panel.getByLabel('Queries in flight').fill('3');
  await panel.getByRole('button', { name: 'Explore all variants' }).click();
  await expect(panel.getByTestId('explore-progress')).toContainText('states', { timeout: 30_000 });
  const states = Number(
    (await panel.getByTestId('explore-progress').textContent())!.match(/([\d,]+) states/)![1].replace(/,/g, ''),
  );
  await panel.getByRole('button', { name: 'Cancel' }).click();
  await expect(panel.getByTestId('explore-progress')).toHaveText('Cancelled.');
  // The variant it was on stays, as a partial row with the states it had reached.
  const row = panel.locator('tr[data-verdict="cancelled"]');
  await expect(row).toContainText('cancelled, incomplete');
  expect(Number((await row.locator('td').nth(1).textContent())!.replace(/,/g, ''))).toBeGreaterThanOrEqual(states);
  await expect(panel.getByRole('button', { name: 'Explore all variants' })).toBeEnabled();
});
