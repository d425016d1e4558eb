/** Manual stepping: the user picks who moves next; the pick is kept in the link. */
import { expect, test } from '@playwright/test';
import { base, open } from './helpers';

test('manual stepping: choose the next move, see why the others cannot move', async ({ page }) => {
  await open(page, base({ workers: 4, clients: 4, seed: 2, until: 60 }));
  await page.keyboard.press('m');
  const panel = page.getByRole('region', { name: 'Who moves next?' });
  await expect(panel.getByText('Cannot move')).toBeVisible();
  await expect(panel).toContainText('main sleeps');
  const moves = panel.getByRole('button');
  await expect(moves.first()).toBeVisible();
  const label = (await moves.nth(1).textContent())!;
  await moves.nth(1).click();
  await expect(page.locator('.cursor-info')).toContainText('step 1 /');
  await expect(page.locator('.busy')).toHaveCount(0, { timeout: 20_000 });
  await page.waitForFunction(() => location.hash.includes('pick=0'));
  expect(decodeURIComponent(page.url())).toContain(`pick=0:${label.replace(': ', ':')}`);
  await expect(page.getByRole('button', { name: 'Play' })).toBeDisabled();
});

test('a scheduled command can be moved in time; the future re-runs from there', async ({ page }) => {
  await open(page, base({ until: 500, commands: [{ at: 400, text: 'PING' }] }));
  const time = page.getByLabel('Time of scheduled command 1 (ms)');
  await time.fill('200');
  await time.press('Enter');
  await expect(page.locator('.busy')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByRole('button', { name: /Scheduled command PING at 200 ms/ })).toBeVisible();
  await expect(page.locator('.schedule .reply').first()).toHaveText('PONG');
  await time.fill('nonsense');
  await time.press('Enter');
  await expect(page.getByText('time must be from 0 to 60000 ms')).toBeVisible();
  await page.getByRole('button', { name: 'Remove scheduled command 1' }).click();
  await expect(page.getByText('No command scheduled.')).toBeVisible();
});
