/** Side by side on screen: the same scenario against every variant, as the core compares them. */
import { expect, test } from '@playwright/test';
import { base, open } from './helpers';
import { compareVariants } from '../src/incidents/compare';
import { scenarioFrom } from '../src/store/appStore';
import { VARIANT_INFO } from '../src/incidents/mod-11658/variantInfo'; // the incident's own list, as the page shows it

test('compare: a verdict table and where each run parts from the first', async ({ page }) => {
  const state = base({ seed: 1, until: 1000, commands: [{ at: 500, text: 'FT.CONFIG SET WORKERS 0' }] });
  const expected = compareVariants(
    scenarioFrom(state),
    VARIANT_INFO.map((v) => v.id),
  );
  await open(page, state);
  const panel = page.getByRole('region', { name: 'Side by side' });
  await panel.getByRole('button', { name: 'Compare' }).click();
  const table = panel.getByTestId('compare-table');
  await expect(table).toBeVisible({ timeout: 60_000 });
  for (const r of expected) {
    const row = table.getByRole('row', { name: new RegExp(`^${r.variant} `) });
    await expect(row).toHaveAttribute('data-outcome', r.outcome);
    if (r.variant !== expected[0].variant)
      await expect(row).toContainText(r.divergesAt ? `step ${r.divergesAt.step}` : 'never');
  }
  await expect(panel.locator('.strip canvas')).toHaveCount(expected.length);
});
