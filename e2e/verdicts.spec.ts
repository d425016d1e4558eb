/** Verdicts a reader can trust: a run too short to settle says so, and reaching the outcome always announces it. */
import { expect, test } from '@playwright/test';
import { base, open } from './helpers';

test('barrier-timeout in a 1.5 s run: not "no hang", but still spinning, with when its timeout fires', async ({
  page,
}) => {
  await open(
    page,
    base({ variant: 'barrier-timeout', until: 1200, commands: [{ at: 500, text: 'FT.CONFIG SET WORKERS 0' }] }),
  );
  await expect(page.getByTestId('status')).toContainText(
    'no hang yet, but the run ends before the server has settled: main is still spinning in barrier_wait_and_destroy',
  );
  await expect(page.getByTestId('status')).toContainText("this variant's timeout fires 1 s after the command");
});

test('Jump to deadlock announces the deadlock, also when the cursor is already there', async ({ page }) => {
  await open(page, base({ until: 1500, commands: [{ at: 500, text: 'FT.CONFIG SET WORKERS 0' }] }));
  await page.getByRole('button', { name: 'Jump to deadlock' }).click();
  await expect(page.getByTestId('status')).toContainText('Deadlock: main');
  // Past the deadlock, a scheduled command is announced; jumping back to the deadlock announces it again.
  await page.getByLabel('Command', { exact: true }).fill('PING');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('status')).toContainText('Command sent');
  await expect(page.locator('.busy')).toHaveCount(0, { timeout: 20_000 });
  await page.getByRole('button', { name: 'Jump to deadlock' }).click();
  await expect(page.getByTestId('status')).toContainText('Deadlock: main');
});
