/** The timeline view taken away as SVG (drawn by the screen's own painters) and as PNG (that SVG rasterised). */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { base, open } from './helpers';

const STATE = base({ until: 700, commands: [{ at: 300, text: 'FT.CONFIG SET WORKERS 0' }] });

async function download(page: Page, button: string) {
  const panel = page.getByRole('region', { name: 'Take it away' });
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: button }).click(),
  ]);
  const path = test.info().outputPath(file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

test('the timeline downloads as an SVG that parses, with the lanes, their spans and the axis', async ({ page }) => {
  await open(page, STATE);
  const { name, bytes } = await download(page, 'Download timeline (SVG)');
  expect(name).toBe('lockstep-mod-11658-prefix-seed1-timeline.svg');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    return {
      error: doc.getElementsByTagName('parsererror').length,
      root: root.nodeName,
      width: Number(root.getAttribute('width')),
      texts: [...doc.querySelectorAll('text')].map((t) => t.textContent ?? ''),
      rects: doc.querySelectorAll('rect').length,
    };
  }, bytes.toString('utf-8'));
  expect(parsed.error).toBe(0);
  expect(parsed.root).toBe('svg');
  for (const lane of ['main', 'GIL', 'workers-1', 'ping', 'redis-cli']) expect(parsed.texts).toContain(lane);
  // The spans are drawn, not pasted as a bitmap: many rectangles.
  expect(parsed.rects).toBeGreaterThan(50);
  const shown = await page.locator('.timeline').boundingBox();
  expect(parsed.width).toBeGreaterThan((shown?.width ?? 0) * 0.8);
});

test('the timeline downloads as a PNG twice the size of the view on screen', async ({ page }) => {
  await open(page, STATE);
  const { name, bytes } = await download(page, 'Download timeline (PNG)');
  expect(name).toBe('lockstep-mod-11658-prefix-seed1-timeline.png');
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const width = bytes.readUInt32BE(16);
  const shown = await page.locator('.timeline').boundingBox();
  expect(width).toBeGreaterThan(2 * (shown?.width ?? 0) * 0.8);
});
