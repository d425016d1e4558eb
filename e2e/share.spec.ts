/** Share links, bad links, the keyboard, and accessibility. */
import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { base, open } from './helpers';

test('a shared URL reproduces the same view after reload', async ({ page, context }) => {
  await open(page, base({ seed: 3, until: 700, commands: [{ at: 250, text: 'FT.CONFIG SET WORKERS 0' }] }));
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('j');
  await page.getByLabel('Command', { exact: true }).fill('PING');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByLabel('Console output')).toContainText('PING', { timeout: 20_000 });
  await expect(page.locator('.busy')).toHaveCount(0, { timeout: 20_000 });
  await page.waitForFunction(() => location.hash.includes('cmd=') && location.hash.includes('PING'));
  await page.waitForTimeout(400);
  const url = page.url();
  const info = await page.locator('.cursor-info').textContent();
  const status = await page.getByTestId('status').textContent();
  const log = await page.getByLabel('Redis log up to the cursor').textContent();
  const graph = await page.getByTestId('waitfor-graph').getAttribute('aria-label');

  const again = await context.newPage();
  await again.goto(url);
  await expect(again.locator('.busy')).toHaveCount(0, { timeout: 20_000 });
  await expect(again.locator('.cursor-info')).toHaveText(info!);
  await expect(again.getByLabel('Redis log up to the cursor')).toHaveText(log!);
  await expect(again.getByTestId('waitfor-graph')).toHaveAttribute('aria-label', graph!);
  await expect(again.getByRole('textbox', { name: 'Scheduled command 2', exact: true })).toHaveValue('PING');
  expect(status).toBeTruthy();
});

test('a broken link says what is wrong and falls back to the default scenario', async ({ page }) => {
  await page.goto('./#v=1&workers=99&variant=magic');
  await expect(page.getByRole('alert')).toContainText(
    'This link could not be opened: these values are not valid: variant=magic',
  );
  await expect(page.getByRole('alert')).toContainText('Showing the default scenario instead.');
  await expect(page.locator('.cursor-info')).toContainText('step', { timeout: 20_000 });
  await expect(page.getByLabel('Initial WORKERS')).toHaveValue('8');
  await page.goto('./#v=7');
  await expect(page.getByRole('alert')).toContainText('the link uses format v7, and this Lockstep reads v1');
});

test('keyboard only: play, pause, step, step back, the shortcuts dialog, a command', async ({ page }) => {
  await open(page, base({ until: 400 }));
  const info = page.locator('.cursor-info');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(info).toContainText('step 2 /');
  await page.keyboard.press('ArrowLeft');
  await expect(info).toContainText('step 1 /');
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Step back');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.getByLabel('Command', { exact: true }).focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('FT.CONFIG GET WORKERS');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Console output')).toContainText('"WORKERS"', { timeout: 20_000 });
  for (const name of ['Reset', 'Step back', 'Play', 'Step'])
    await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
});

test('no serious or critical accessibility violations', async ({ browser }) => {
  for (const colorScheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    await open(page, base({ until: 600, commands: [{ at: 300, text: 'FT.CONFIG SET WORKERS 0' }] }));
    await page.keyboard.press('j');
    await page.waitForTimeout(300);
    const result = await new AxeBuilder({ page }).analyze();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(
      bad.map(
        (v) =>
          `${colorScheme}: ${v.id}: ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(' | ')}`,
      ),
    ).toEqual([]);
    await context.close();
  }
});
