/** Narrow screens: the page reflows instead of scrolling sideways, for both incidents. */
import { expect, test } from '@playwright/test';
import { base, open } from './helpers';

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
