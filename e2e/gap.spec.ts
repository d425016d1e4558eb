/**
 * A hung server's long stillness on the timeline: the quiet stretch is a
 * narrow, marked band on a piecewise axis (its length in words), the PING
 * lane waits through it, every mapping (axis, pins, hover, zoom, the link's
 * window) agrees, and zooming into the band opens it up to true scale.
 */
import { expect, test, type Page } from '@playwright/test';
import { presetScenario } from '../src/incidents/registry';
import { shareOf } from '../src/url/hash';
import { base, open } from './helpers';

/** Production, 30 Sep 2025: hung at 726 ms, killed about 7.7 hours later. */
const PRODUCTION = shareOf(presetScenario('mod-11658', 'production-2025-09-30')!);
/** A minute's hang, quicker to zoom through: a late PING keeps the run going. */
const HUNG = base({
  until: 60_000,
  commands: [
    { at: 500, text: 'FT.CONFIG SET WORKERS 0' },
    { at: 59_000, text: 'PING' },
  ],
});

/** Two animation frames: whatever the last commit scheduled has been painted. */
const painted = (page: Page) =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

const band = async (page: Page) => (await page.locator('.timeline-axis g.gap-mark rect').boundingBox())!;

/** The visible window the page wrote to its link (the whole run until it writes one). */
async function viewOf(page: Page): Promise<[number, number]> {
  const v = new URLSearchParams((await page.evaluate(() => location.hash)).slice(1)).get('view') ?? '0,Infinity';
  return v.split(',').map(Number) as [number, number];
}

test('eight hours of a hung server are a narrow marked band, with PING unanswered through it', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('lockstep.tour.seen', '1'));
  await open(page, PRODUCTION);
  const mark = page.locator('.timeline-axis g.gap-mark');
  await expect(mark).toHaveCount(1);
  await expect(mark.locator('text')).toHaveText(/^7 h 4\d min$/);
  await expect(page.locator('canvas.overlay')).toHaveAttribute(
    'aria-label',
    /7 h 4\d min, nothing in the server moved/,
  );
  const b = await band(page);
  const axis = (await page.locator('.timeline-axis > svg').boundingBox())!;
  expect(b.width).toBeLessThan(80);
  // Most of the width goes to the moments where things happen.
  expect(b.x - axis.x).toBeGreaterThan(axis.width * 0.7);
  // No tick inside the band; the pin of the kill right of it, the command's left of it.
  for (const t of await page.locator('.timeline-axis .tick').all()) {
    const r = (await t.boundingBox())!;
    expect(r.x + r.width / 2 < b.x || r.x + r.width / 2 > b.x + b.width).toBe(true);
  }
  const pin = async (name: RegExp) => (await page.getByRole('button', { name }).boundingBox())!;
  expect((await pin(/^Scheduled command kill -9/)).x).toBeGreaterThan(b.x + b.width - 6);
  expect((await pin(/^Scheduled command FT\.CONFIG SET WORKERS 0/)).x).toBeLessThan(b.x);

  // Hovering the band on the clients' row, then on the PING lane: the gap is named, PING times out through it.
  const ping = page.locator('.lane-label', { hasText: /^ping$/ });
  const row = (await ping.boundingBox())!;
  await page.mouse.move(b.x + b.width / 2, row.y + row.height / 2);
  const card = page.getByRole('tooltip');
  await expect(card).toContainText(/^ping/);
  await expect(card).toContainText(/In a compressed stretch: 7 h 4\d min, nothing in the server moved/);
  // A click right of the band is a moment after it: by then no PING has been answered for the whole stillness.
  await page.mouse.click(Math.min(b.x + b.width + 8, axis.x + axis.width - 2), row.y + row.height / 2);
  await expect(page.getByTestId('ping-waiting')).toContainText(/No PING answered for 7\.7\d* h/);
});

test('zooming into the band opens it up, with ticks of its own; Fit run closes it again', async ({ page }) => {
  await open(page, HUNG);
  const b = await band(page);
  const overlay = (await page.locator('canvas.overlay').boundingBox())!;
  const x = b.x + b.width / 2;
  await page.mouse.move(x, overlay.y + 30);
  let last = b.width;
  for (let i = 0; i < 8; i++) {
    for (let k = 0; k < 5; k++) await page.mouse.wheel(0, -100);
    await painted(page);
    const now = await band(page);
    expect(now.width).toBeGreaterThanOrEqual(last - 1);
    last = now.width;
  }
  // Inside the stillness now: the link's window lies in it and the axis ticks name its own times.
  await expect.poll(async () => (await viewOf(page))[0]).toBeGreaterThan(600);
  const [t0, t1] = await viewOf(page);
  expect(t1).toBeLessThan(58_900);
  expect(t1 - t0).toBeLessThan(30_000);
  const ticks = await page.locator('.timeline-axis .tick text').allTextContents();
  expect(ticks.length).toBeGreaterThan(2);
  expect(ticks.every((s) => / s$/.test(s))).toBe(true);
  // The time under the pointer stayed under it while zooming.
  await page.mouse.move(x, overlay.y + 5);
  await expect(page.getByRole('tooltip')).toContainText('In a compressed stretch');

  await page.keyboard.press('f');
  await painted(page);
  expect((await band(page)).width).toBeLessThan(80);
});

test('a short hang has no compressed stretch', async ({ page }) => {
  await open(page, base({ until: 1500, commands: [{ at: 500, text: 'FT.CONFIG SET WORKERS 0' }] }));
  await expect(page.locator('.timeline-axis g.gap-mark')).toHaveCount(0);
});
