/** The second incident on the same screen: Redis #12290's endless walk, from the picker, a link and the explorer. */
import { expect, test } from '@playwright/test';
import { traceDigest } from '../src/engine/digest';
import { scenarioFrom } from '../src/store/appStore';
import { base, open, runScenario } from './helpers';

const asFiled = base({ incident: 'redis-12290', until: 1000, commands: [{ at: 600, text: 'PING' }] });

test('pick Redis #12290: main loops forever, the walk is drawn, PING gets no reply', async ({ page }) => {
  await open(page, base({ until: 300 }));
  await page.getByLabel('Incident').selectOption('redis-12290');
  await expect(page.locator('.busy')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByTestId('status')).toContainText('loops forever');
  await expect(page.locator('.tagline')).toContainText('Redis #12290');
  // The link names the incident, so whoever opens it sees the same run.
  await page.waitForFunction(() => location.hash.includes('incident=redis-12290'));
  await page.keyboard.press('j');
  await expect(page.getByTestId('explanation')).toContainText('handleClientsBlockedOnKey');
  const list = page.getByRole('list', { name: /blocking_keys\[tasks_queue\].*from the head/ });
  await expect(list).toContainText('current');
  await expect(page.getByLabel('Legend')).toContainText('walking the blocked clients');
  await expect(page.getByRole('region', { name: 'CPU profile', exact: true })).toContainText('main');
});

test('a #12290 link reproduces the run of Node in the browser, and a PING after the loop is never answered', async ({
  page,
}) => {
  const { sim, report } = runScenario(scenarioFrom(asFiled));
  expect(report.outcome).toBe('livelock');
  await open(page, asFiled);
  expect(await page.evaluate('window.__app.state().run.digest')).toBe(traceDigest(sim));
  await expect(page.getByRole('textbox', { name: 'Scheduled command 1', exact: true })).toHaveValue('PING');
  await expect(page.getByTestId('scheduled')).toContainText('no reply');
});

test('2 subscribers work: the preset terminates, and the fix (7.2-rc3) too', async ({ page }) => {
  await open(page, asFiled);
  await page
    .getByLabel('Open a scenario')
    .selectOption({ label: '"nb_subscribers = 2 will work fine": 7.2-rc2, 2 subscribers' });
  await expect(page.locator('.busy')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByTestId('status')).toContainText('no hang');
  await page.getByLabel('Open a scenario').selectOption({ label: 'The fix (#12301, 7.2-rc3): 3 subscribers' });
  await expect(page.locator('.busy')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByTestId('status')).toContainText('no hang');
  // The variant names its source, and links to it at the commit it names.
  await expect(page.getByRole('link', { name: /PR #12301, commit e7129e43e0/ })).toHaveAttribute(
    'href',
    /e7129e43e0c7c85921666018b68f5b729218d31e$/,
  );
});

test('the explorer finds the loop in 7.2-rc2 and none in the fix, and loads the loop into the timeline', async ({
  page,
}) => {
  await open(page, asFiled);
  const panel = page.getByRole('region', { name: 'Explore every interleaving' });
  await panel.getByRole('button', { name: 'Explore all variants' }).click();
  await expect(panel.getByTestId('explore-progress')).toHaveText('Done.', { timeout: 60_000 });
  await expect(panel.getByRole('row', { name: /^7\.2-rc2 livelock-reachable/ })).toBeVisible();
  await expect(panel.getByRole('row', { name: /^7\.2-rc3 safe/ })).toBeVisible();
  await expect(panel.getByRole('row', { name: /^7\.0 safe/ })).toBeVisible();
  await panel.getByRole('button', { name: 'Load the 7.2-rc2 schedule into the timeline' }).click();
  await expect(page.locator('.busy')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByText('This is an explorer schedule')).toBeVisible();
  await page.keyboard.press('j');
  await expect(page.getByTestId('explanation')).toContainText('handleClientsBlockedOnKey');
});
