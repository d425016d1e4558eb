/** Narrow screens: the page reflows instead of scrolling sideways, for both incidents. */
import { expect, test } from '@playwright/test';
import { base, open } from './helpers';
import { DEFAULT_SHARE } from '../src/url/hash';

for (const incident of ['mod-11658', 'redis-12290'])
  test(`at 800 px wide, ${incident} has no horizontal page scroll`, async ({ page }) => {
    await page.setViewportSize({ width: 800, height: 900 });
    await open(page, base({ incident, until: 600 }));
    const [scroll, client] = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);
    expect(scroll).toBeLessThanOrEqual(client);
  });

test('at 800 px wide, the console comes right after the timeline, before the panels', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 900 });
  await open(page, base({ until: 600 }));
  const top = async (name: string) => (await page.getByRole('heading', { name, exact: true }).boundingBox())!.y;
  const timeline = (await page.locator('.timeline').boundingBox())!;
  const commands = await top('Commands');
  expect(commands).toBeGreaterThan(timeline.y + timeline.height);
  expect(commands).toBeLessThan(await top('Wait-for graph'));
  expect(commands).toBeLessThan(timeline.y + timeline.height + 200);
});

test('the Redis log shows whole lines: nothing is cut at the panel edge', async ({ page }) => {
  await open(page, base({ until: 600, commands: DEFAULT_SHARE.commands }));
  await page.keyboard.press('j');
  const lines = page.locator('.log-line');
  await expect(lines.first()).toBeVisible();
  const cut = await lines.evaluateAll((els) =>
    els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent),
  );
  expect(cut).toEqual([]);
  const longest = Math.max(...(await lines.allTextContents()).map((t) => t.length));
  expect(longest).toBeGreaterThan(80);
});
