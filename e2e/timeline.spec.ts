/**
 * The timeline's legibility and layout: axis labels inside the axis, the
 * command pin clear of them, hover cards inside the viewport, a refit after
 * command edits, a selection that moves nothing, and the tour's lanes.
 */
import { expect, test, type Page } from '@playwright/test';
import { base, open } from './helpers';
import { DEFAULT_SHARE } from '../src/url/hash';

const WITH_COMMAND = base({ until: 1500, commands: DEFAULT_SHARE.commands });

type Rect = { x: number; y: number; width: number; height: number };
const inside = (a: Rect, b: Rect, slack = 0.5) =>
  a.x >= b.x - slack &&
  a.y >= b.y - slack &&
  a.x + a.width <= b.x + b.width + slack &&
  a.y + a.height <= b.y + b.height + slack;
const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

const tickBoxes = (page: Page) =>
  page.locator('.timeline-axis svg .tick text').evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height, text: e.textContent };
    }),
  );

/** The visible window the page wrote to its link. */
async function viewOf(page: Page): Promise<[number, number] | null> {
  const v = new URLSearchParams((await page.evaluate(() => location.hash)).slice(1)).get('view');
  return v ? (v.split(',').map(Number) as [number, number]) : null;
}

/** Two animation frames: whatever the last commit scheduled has been painted. */
const painted = (page: Page) =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

for (const width of [800, 1280, 1920])
  test(`at ${width} px every axis label lies inside the axis, the first and last too`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await open(page, WITH_COMMAND);
    for (const view of ['run', 'deadlock']) {
      await page.keyboard.press(view === 'run' ? 'f' : 'd');
      await painted(page);
      const axis = (await page.locator('.timeline-axis > svg').boundingBox())!;
      const ticks = await tickBoxes(page);
      expect(ticks.length).toBeGreaterThan(2);
      for (const t of ticks) expect(inside(t, axis), `${view}: "${t.text}" at x=${t.x}`).toBe(true);
    }
  });

test('the scheduled-command pin is drawn, not a font glyph, covers no axis label, and can be dragged', async ({
  page,
}) => {
  await open(page, WITH_COMMAND);
  const pin = page.getByRole('button', { name: /^Scheduled command FT\.CONFIG SET WORKERS 0 at/ });
  await expect(pin).toHaveText('');
  await expect(pin.locator('svg path')).toHaveCount(1);
  const box = (await pin.boundingBox())!;
  for (const t of await tickBoxes(page)) expect(overlaps(box, t), `pin over "${t.text}"`).toBe(false);
  // Still a button of its own: reachable from the keyboard.
  await pin.focus();
  await expect(pin).toBeFocused();
  // Dragged 150 px to the left, the command moves earlier in time.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 75, box.y + box.height / 2);
  await page.mouse.move(box.x + box.width / 2 - 150, box.y + box.height / 2);
  await page.mouse.up();
  await expect
    .poll(async () => Number(await page.getByLabel('Time of scheduled command 1 (ms)').inputValue()))
    .toBeLessThan(400);
});

/** Whether `el` is cut by the viewport or by any ancestor that clips its overflow. */
const clipped = (page: Page) =>
  page.locator('.hover-card').evaluate((card) => {
    const r = card.getBoundingClientRect();
    const within = (b: DOMRect) => r.left >= b.left && r.right <= b.right && r.top >= b.top && r.bottom <= b.bottom;
    if (!within(new DOMRect(0, 0, document.documentElement.clientWidth, window.innerHeight))) return 'viewport';
    for (let a = card.parentElement; a; a = a.parentElement) {
      const s = getComputedStyle(a);
      if ((s.overflowX !== 'visible' || s.overflowY !== 'visible') && !within(a.getBoundingClientRect()))
        return a.className || a.tagName;
    }
    return null;
  });

test('the hover card over the bottom lane is whole, above the pointer when the page ends there', async ({ page }) => {
  await open(page, WITH_COMMAND);
  // The viewport ends just below the timeline: a card below the bottom lane would not fit.
  const timeline = (await page.locator('.timeline').boundingBox())!;
  await page.setViewportSize({ width: 1280, height: Math.round(timeline.y + timeline.height + 8) });
  const canvas = (await page.locator('canvas.overlay').boundingBox())!;
  const y = canvas.y + canvas.height - 6;
  await page.mouse.move(canvas.x + canvas.width * 0.4, y);
  const card = page.locator('.hover-card');
  await expect(card).toBeVisible();
  expect(await clipped(page)).toBeNull();
  const box = (await card.boundingBox())!;
  expect(box.y + box.height).toBeLessThan(y);
  // Near the right edge it turns to the pointer's left, still whole.
  await page.mouse.move(canvas.x + canvas.width - 4, canvas.y + 30);
  await expect(card).toBeVisible();
  expect(await clipped(page)).toBeNull();
});

test('the hover card goes away on a zoom by keyboard or wheel', async ({ page }) => {
  await open(page, WITH_COMMAND);
  const canvas = (await page.locator('canvas.overlay').boundingBox())!;
  const card = page.locator('.hover-card');
  await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + 30);
  await expect(card).toBeVisible();
  await page.keyboard.press('+');
  await expect(card).toHaveCount(0);
  await page.mouse.move(canvas.x + canvas.width / 2 + 5, canvas.y + 30);
  await expect(card).toBeVisible();
  await page.mouse.wheel(0, 300);
  await expect(card).toHaveCount(0);
});

test('removing a scheduled command refits the view to the new, longer run', async ({ page }) => {
  await open(page, WITH_COMMAND);
  await page.keyboard.press('f');
  await expect.poll(async () => (await viewOf(page))?.[1]).toBeLessThan(600);
  await page.getByRole('button', { name: 'Remove scheduled command 1' }).click();
  // Without the command nothing hangs, and the run goes on to its end (1500 ms).
  await expect(page.locator('canvas.overlay')).toHaveAttribute('aria-label', /no hang/, { timeout: 20_000 });
  await expect.poll(async () => (await viewOf(page))?.[1]).toBeGreaterThan(1400);
  expect((await viewOf(page))![0]).toBeCloseTo(0, 3);
});

test('after a zoom by hand, removing a command keeps the window', async ({ page }) => {
  await open(page, WITH_COMMAND);
  await page.keyboard.press('+');
  await painted(page);
  const before = (await tickBoxes(page)).map((t) => t.text);
  await page.getByRole('button', { name: 'Remove scheduled command 1' }).click();
  await expect(page.locator('canvas.overlay')).toHaveAttribute('aria-label', /no hang/, { timeout: 20_000 });
  await painted(page);
  expect((await tickBoxes(page)).map((t) => t.text)).toEqual(before);
});

test('selecting a span moves nothing below the timeline', async ({ page }) => {
  await open(page, WITH_COMMAND);
  const below = page.getByRole('heading', { name: 'Wait-for graph', exact: true });
  const y0 = (await below.boundingBox())!.y;
  const canvas = (await page.locator('canvas.overlay').boundingBox())!;
  await page.mouse.click(canvas.x + canvas.width * 0.3, canvas.y + 11 + 2 * 22);
  await expect(page.locator('#selection-h')).toContainText('workers-1');
  expect((await below.boundingBox())!.y).toBe(y0);
  await page.getByRole('button', { name: 'Close the selected span' }).click();
  await expect(page.locator('#selection-h')).toHaveCount(0);
  expect((await below.boundingBox())!.y).toBe(y0);
});

test('the tour highlights the lanes its chapter names, by lane id or by a group prefix', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Start the tour' }).click();
  const labels = page.locator('.lane-label');
  // Chapter 1 names main, the GIL and `workers-` (every worker: the one that loads is not always workers-1).
  const workers = Array.from({ length: 8 }, (_, i) => `workers-${i + 1}`);
  await expect(page.locator('.lane-label.tour-lane')).toHaveText(['main', 'GIL', ...workers]);
  await expect(page.locator('.tour-band')).toHaveCount(10);
  const bg = (i: number) => labels.nth(i).evaluate((e) => getComputedStyle(e).backgroundColor);
  await expect(labels.nth(10)).not.toHaveClass(/tour-lane/);
  expect(await bg(0)).not.toBe(await bg(10));
});
