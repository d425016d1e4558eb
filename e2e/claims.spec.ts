/**
 * The claims on trial in the page: every claim gets a verdict from runs in a
 * Web Worker, the verdicts and their sentences equal what the core computes
 * in Node, and "Show me" opens the run with the cursor at its step.
 */
import { expect, test } from '@playwright/test';
import { base, open } from './helpers';
import { coreOf } from '../src/incidents/cores';
import { info } from '../src/incidents/mod-11658/info';

const expected = coreOf('mod-11658').claims!();
const byId = (id: string) => expected.find((v) => v.id === id)!;

test('the claims go on trial in the page and come back with the verdicts Node computes', async ({ page }) => {
  await open(page, base({ until: 300 }));
  const panel = page.getByRole('region', { name: 'Claims on trial' });
  const rows = panel.locator('tbody tr');
  await expect(rows).toHaveCount(info.ui.claims!.length);
  await expect(panel.locator('tr[data-verdict="pending"]')).toHaveCount(info.ui.claims!.length);

  await panel.getByRole('button', { name: 'Put the claims on trial' }).click();
  await expect(panel.getByTestId('claims-progress')).toContainText('Done:', { timeout: 120_000 });
  await expect(panel.locator('tr[data-verdict="pending"]')).toHaveCount(0);
  for (const v of expected) {
    const row = panel.locator(`tr[data-claim="${v.id}"]`);
    await expect(row, v.id).toHaveAttribute('data-verdict', v.verdict);
    await expect(row.locator('.claim-why')).toHaveText(v.why);
    await expect(row.getByRole('button', { name: /^Show me/ })).toHaveCount(v.show ? 1 : 0);
  }

  // The stack claim opens its hanging run at the step the cycle closes.
  const stack = byId('stack-path');
  await panel
    .locator('tr[data-claim="stack-path"]')
    .getByRole('button', { name: /^Show me/ })
    .click();
  await expect(page.locator('.busy')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.locator('.cursor-info')).toContainText(`step ${stack.show!.step} /`);
  await expect(page.getByTestId('explanation')).toContainText(
    'main holds the GIL and spins in barrier_wait_and_destroy',
  );
  // The share link follows the run it opened (written once the run is drawn).
  await expect(page).toHaveURL(new RegExp(`[#&]seed=${stack.show!.scenario.seed}&`));

  // The UV claim opens a cluster run where search-uv-1 runs a reply callback.
  const uv = byId('uv-on-main-thread');
  await panel
    .locator('tr[data-claim="uv-on-main-thread"]')
    .getByRole('button', { name: /^Show me/ })
    .click();
  await expect(page.locator('.busy')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.locator('.cursor-info')).toContainText(`step ${uv.show!.step} /`);
  await expect(page).toHaveURL(/[#&]shards=3(&|$)/);
});
