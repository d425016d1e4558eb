/** The console and the schedule: what Send does is shown and can be undone; a blank line is named; times read as times. */
import { expect, test } from '@playwright/test';
import { base, open } from './helpers';

test('Send adds to the schedule visibly, Undo takes it back, and a blank line is named', async ({ page }) => {
  await open(page, base({ seed: 3, until: 300 }));
  const input = page.getByLabel('Command', { exact: true });
  await input.fill(' \t ');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('console-sent')).toHaveText(
    'Nothing to send: redis-cli ignores a line of only spaces.',
  );
  await input.fill('PING');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('console-sent')).toContainText('Added to Scheduled at');
  await expect(page.getByRole('textbox', { name: 'Scheduled command 1', exact: true })).toHaveValue('PING');
  await page.getByTestId('console-sent').getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByText('No command scheduled.')).toBeVisible();
});

test('scheduled times read as the page writes times, and an old comparison is marked stale', async ({ page }) => {
  await open(page, base({ seed: 3, until: 300, commands: [{ at: 27.8014732, text: 'PING' }] }));
  await expect(page.getByTestId('scheduled').getByRole('textbox').first()).toHaveValue('27.801');
  const panel = page.getByRole('region', { name: 'Side by side' });
  await panel.getByRole('button', { name: 'Compare' }).click();
  await expect(panel.getByTestId('compare-table')).toBeVisible({ timeout: 60_000 });
  await expect(panel.getByTestId('compare-stale')).toHaveCount(0);
  // A row opens its variant's run of the same scenario, and the table still stands for it.
  await panel.getByRole('button', { name: 'Open the fixed run in the timeline' }).click();
  await expect(page.locator('.busy')).toHaveCount(0, { timeout: 20_000 });
  await expect(
    page.getByRole('region', { name: 'Scenario', exact: true }).getByRole('combobox', { name: 'Variant' }),
  ).toHaveValue('fixed');
  await expect(panel.getByTestId('compare-stale')).toHaveCount(0);
  await page.getByLabel('Seed', { exact: true }).fill('4');
  await page.getByRole('button', { name: 'Re-run' }).click();
  await expect(panel.getByTestId('compare-stale')).toContainText('These results are for an earlier scenario');
});
