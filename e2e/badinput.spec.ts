/** Bad input on the page: a link the model refuses falls back to a working run, a pasted link wins, fuzzed links never break the page. */
import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { base, open } from './helpers';
import { encodeHash } from '../src/url/hash';

test('a link with a move the run cannot take says so and shows a run that works', async ({ page }) => {
  await page.goto('./#v=1&pick=3:nobody:FOO');
  await expect(page.getByRole('alert')).toContainText(
    "This run could not be made: step 3: 'nobody:FOO' is not an enabled move",
  );
  await expect(page.getByRole('alert')).toContainText('Showing the default scenario instead.');
  await expect(page.locator('.busy')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByTestId('status')).toContainText('Simulated');
});

test("a bad manual choice after a good run keeps the user's scenario", async ({ page }) => {
  const good = base({ seed: 5, until: 300, commands: [{ at: 100, text: 'PING' }] });
  await open(page, good);
  await page.evaluate((h) => (location.hash = h), encodeHash({ ...good, manual: { 2: 'nobody:FOO' } }));
  await expect(page.getByRole('alert')).toContainText('Showing the last scenario that ran instead.');
  await expect(page.locator('.busy')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByLabel('Seed', { exact: true })).toHaveValue('5');
  await page.waitForFunction(() => !location.hash.includes('pick='));
});

test("a link pasted while the page's own write-back is due wins", async ({ page }) => {
  await open(page, base({ seed: 2, until: 300 }));
  // A step schedules the page's write-back of the hash; the new link arrives before it is written.
  await page.keyboard.press('ArrowRight');
  await page.evaluate((h) => (location.hash = h), encodeHash(base({ seed: 9, until: 250 })));
  await expect(page.locator('.busy')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByLabel('Seed', { exact: true })).toHaveValue('9');
  await page.waitForTimeout(600); // past the write-back's 300 ms debounce
  expect(page.url()).toContain('seed=9');
  await expect(page.getByLabel('Seed', { exact: true })).toHaveValue('9');
});

test('fuzzed links: the page always shows a run or names the problem, and throws nothing', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const keys = ['v', 'incident', 'variant', 'seed', 'until', 'cmd', 'pick', 'at', 'view', 'workers', 'subs', 'serve'];
  const values = [
    '1',
    '2',
    '-1',
    '1e308',
    'x',
    '',
    '%zz',
    'redis-12290',
    '500:PING',
    '0:main:BEFORE_SLEEP',
    '1,2,3',
    '-1e308,1e308',
  ];
  const links = fc.sample(
    fc
      .array(fc.tuple(fc.constantFrom(...keys), fc.constantFrom(...values)), { minLength: 1, maxLength: 5 })
      .map((kv) => '#' + kv.map(([k, v]) => `${k}=${v}`).join('&')),
    { numRuns: 12, seed: 5 },
  );
  await page.goto('./');
  for (const h of links) {
    await page.evaluate((x) => (location.hash = x), h);
    await expect(page.locator('.cursor-info')).toContainText('step', { timeout: 20_000 });
    await expect(page.locator('.busy')).toHaveCount(0, { timeout: 20_000 });
    await expect(page.getByTestId('status')).not.toHaveText('');
  }
  expect(errors).toEqual([]);
});
