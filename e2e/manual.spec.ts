/** Manual stepping: the user picks who moves next; the pick is kept in the link. */
import { expect, test } from '@playwright/test';
import { base, open } from './helpers';

test('manual stepping: choose the next move, see why the others cannot move', async ({ page }) => {
  await open(page, base({ workers: 4, clients: 4, seed: 2, until: 60 }));
  await page.keyboard.press('m');
  const panel = page.getByRole('region', { name: 'Who moves next?' });
  await expect(panel.getByText('Cannot move')).toBeVisible();
  await expect(panel).toContainText('main sleeps');
  // A move due now (one due later would first run the moves before it: see below).
  const moves = panel.locator('.moves li:not(:has(li))').filter({ hasText: /due now|can take it now/ });
  await expect(moves.first()).toBeVisible();
  const label = (await moves.first().getByRole('button').textContent())!;
  await moves.first().getByRole('button').click();
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
  await expect(page.getByText('time must be from 0 to 86400000 ms (24 h)')).toBeVisible();
  await page.getByRole('button', { name: 'Remove scheduled command 1' }).click();
  await expect(page.getByText('No command scheduled.')).toBeVisible();
});

test('every move is listed: many clients in one group with a count, none dropped', async ({ page }) => {
  await open(page, base({ workers: 4, clients: 20, seed: 2, until: 60 }));
  await page.keyboard.press('m');
  const panel = page.getByRole('region', { name: 'Who moves next?' });
  await expect(panel.getByRole('button').first()).toBeVisible();
  const st = (await page.evaluate('window.__app.state().stateAt')) as { moves: { actor: string }[] };
  const clients = st.moves.filter((m) => m.actor.startsWith('client-')).length;
  expect(st.moves.length).toBeGreaterThanOrEqual(12);
  expect(clients).toBeGreaterThan(1);
  const group = panel.locator('summary', { hasText: 'clients:' });
  await expect(group).toHaveText(new RegExp(`^clients: ${clients} moves`));
  await group.click();
  // Expanded, every enabled move has its button: none is left out.
  await expect(panel.getByRole('button')).toHaveCount(st.moves.length);
});

test('picking the PING, due later, runs the moves due before it first and says so', async ({ page }) => {
  await open(page, base({ workers: 4, clients: 4, seed: 2, until: 300 }));
  await page.keyboard.press('m');
  const panel = page.getByRole('region', { name: 'Who moves next?' });
  await expect(panel.getByTestId('moves-summary')).toContainText('later');
  const ping = panel.getByRole('listitem').filter({ has: page.getByRole('button', { name: /^ping:/ }) });
  await expect(ping).toContainText('the moves due before it run first');
  await ping.getByRole('button').click();
  await expect(panel.getByTestId('manual-note')).toContainText(/Ran the \d+ moves due before ping's \w+ at .* first/);
  await expect(page.locator('.busy')).toHaveCount(0, { timeout: 20_000 });
  const note = (await panel.getByTestId('manual-note').textContent())!;
  const step = Number(/took it at step (\d+)/.exec(note)![1]);
  await page.waitForFunction((s) => decodeURIComponent(location.hash).includes(`pick=${s}:ping:`), step);
  await expect(page.locator('.cursor-info')).toContainText(`step ${step + 1} /`);
});

test("untimed (the explorer's semantics), a move due later is taken at once: nothing runs before it", async ({
  page,
}) => {
  await open(page, base({ workers: 4, clients: 4, seed: 2, until: 300, untimed: true }));
  await page.keyboard.press('m');
  const panel = page.getByRole('region', { name: 'Who moves next?' });
  await expect(panel.getByTestId('moves-summary')).toContainText('any pending move may come next');
  await expect(panel.getByTestId('moves-summary')).not.toContainText('later');
  const ping = panel.getByRole('listitem').filter({ has: page.getByRole('button', { name: /^ping:/ }) });
  await expect(ping).not.toContainText('run first');
  const label = (await ping.getByRole('button').textContent())!;
  await ping.getByRole('button').click();
  await expect(page.locator('.cursor-info')).toContainText('step 1 /');
  await expect(page.locator('.busy')).toHaveCount(0, { timeout: 20_000 });
  await page.waitForFunction(() => location.hash.includes('pick=0'));
  expect(decodeURIComponent(page.url())).toContain(`pick=0:${label.replace(': ', ':')}`);
  await expect(panel.getByTestId('manual-note')).toHaveCount(0);
});
