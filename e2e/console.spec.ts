/** The console and the schedule: what Send does is shown and can be undone; a blank line is named; times read as times. */
import { expect, test } from '@playwright/test';
import { base, open, stepAt } from './helpers';

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

test('a console line follows its command by id: sent into a hang, then OK once a re-run answers it', async ({
  page,
}) => {
  const hang = base({ seed: 1, until: 800, commands: [{ at: 500, text: 'FT.CONFIG SET WORKERS 0' }] });
  await open(page, { ...hang, cursor: stepAt(hang, 650).step });
  const input = page.getByLabel('Command', { exact: true });
  await input.fill('FT.CONFIG SET WORKERS 0');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.locator('.busy')).toHaveCount(0, { timeout: 20_000 });
  const line = page.getByRole('list', { name: 'Console output' }).getByRole('listitem').last();
  await expect(line.locator('.reply')).toHaveText('(no reply: the server is not answering)');
  const scheduled = page.getByTestId('scheduled').getByRole('listitem');
  await expect(scheduled.nth(1).locator('.reply')).toHaveText('no reply');
  // The fixed variant answers both: the schedule and the console read the same reply, by the command's id.
  await page
    .getByRole('region', { name: 'Scenario', exact: true })
    .getByRole('combobox', { name: 'Variant' })
    .selectOption('fixed');
  await expect(page.locator('.busy')).toHaveCount(0, { timeout: 20_000 });
  await expect(scheduled.nth(1).locator('.reply')).toHaveText('OK');
  await expect(line.locator('.reply')).toHaveText('OK');
  // Undo takes that command (and not its twin at 500 ms) out; its console line says so.
  await page.getByTestId('console-sent').getByRole('button', { name: 'Undo' }).click();
  await expect(scheduled).toHaveCount(1);
  await expect(page.getByRole('textbox', { name: 'Time of scheduled command 1 (ms)' })).toHaveValue('500');
  await expect(line.locator('.reply')).toHaveText('(not sent: removed from the schedule)');
});

test('WORKERS 0 before the pool ran a job: OK at once, and the reply and the status say why', async ({ page }) => {
  await open(page, base({ seed: 1, until: 300 }));
  const input = page.getByLabel('Command', { exact: true });
  await expect(input).toHaveValue('FT.CONFIG SET WORKERS 0');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.locator('.busy')).toHaveCount(0, { timeout: 20_000 });
  const line = page.getByRole('list', { name: 'Console output' }).getByRole('listitem').last();
  await expect(line.locator('.reply')).toHaveText('OK');
  await expect(line.locator('.reply-note')).toContainText('the workers pool had run no job yet');
  await expect(line.locator('.reply-note')).toContainText('redisearch_thpool_terminate_when_empty returns at once');
  await expect(page.getByTestId('scheduled').locator('.reply-note')).toContainText('had run no job yet');
  await expect(page.getByTestId('status')).toContainText('no hang');
  await expect(page.getByTestId('status')).toContainText('terminate_when_empty returns at once');
});

test('a console line edited in Scheduled shows the command that ran, with its reply', async ({ page }) => {
  await open(page, base({ seed: 3, until: 300 }));
  const input = page.getByLabel('Command', { exact: true });
  await input.fill('PING');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.locator('.busy')).toHaveCount(0, { timeout: 20_000 });
  const line = page.getByRole('list', { name: 'Console output' }).getByRole('listitem').last();
  await expect(line.locator('.reply')).toHaveText('PONG');
  const text = page.getByRole('textbox', { name: 'Scheduled command 1', exact: true });
  await text.fill('FT.CONFIG GET WORKERS');
  await text.press('Enter');
  await expect(page.locator('.busy')).toHaveCount(0, { timeout: 20_000 });
  const reply = page.getByTestId('scheduled').getByRole('listitem').first().locator('.reply');
  await expect(reply).not.toHaveText('PONG');
  // One truth: the line names the command the schedule now runs, and reads the same reply by its id.
  await expect(line).toContainText('FT.CONFIG GET WORKERS');
  await expect(line).toContainText('(edited in Scheduled)');
  await expect(line.locator('.reply')).toHaveText((await reply.textContent())!);
});
