/** The narrated tour: offered on a first visit, every chapter live, leaving and coming back, keyboard only. */
import { expect, test, type Page } from '@playwright/test';
import { packTrace } from '../src/engine/packed';
import { infoOf } from '../src/incidents/registry';
import type { TourChapter } from '../src/incidents/module';
import { scenarioFrom } from '../src/store/appStore';
import { chapterShare } from '../src/store/tourStore';
import { resolveMark } from '../src/tour/resolve';
import { Session } from '../src/worker/session';
import { runScenario } from './helpers';

const CHAPTERS = infoOf('mod-11658').ui.tour!;

/** The step a chapter's cursor must land on, worked out in Node from the same run. */
function expectedStep(c: TourChapter): number {
  const share = chapterShare('mod-11658', c);
  const { sim } = runScenario(scenarioFrom(share));
  let fates = null;
  if (c.at.kind === 'pointOfNoReturn') {
    const gen = new Session(scenarioFrom(share)).fateBand();
    let r = gen.next();
    while (!r.done) r = gen.next();
    fates = r.value;
  }
  return resolveMark(c.at, {
    trace: packTrace(sim),
    verdictStep: sim.verdict?.step,
    crashStep: sim.crash?.step,
    fates,
  })!;
}

async function shows(page: Page, i: number) {
  const tour = page.getByRole('region', { name: CHAPTERS[i].title });
  await expect(tour.getByRole('heading', { name: CHAPTERS[i].title })).toBeVisible();
  await expect(page.locator('#tour-progress')).toHaveText(`Tour · chapter ${i + 1} of ${CHAPTERS.length}`);
  await expect(page.locator('.cursor-info')).toContainText(`step ${expectedStep(CHAPTERS[i])} /`, { timeout: 30_000 });
}

test('a first visit is offered the tour; Next reaches every chapter, each at its moment of its own run', async ({
  page,
}) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Start the tour' }).click();
  await shows(page, 0);
  for (let i = 1; i < CHAPTERS.length; i++) {
    await page.getByRole('button', { name: 'Next →' }).click();
    await shows(page, i);
  }
  await expect(page.getByRole('button', { name: 'Next →' })).toBeDisabled();
  // The chapter list reaches any chapter directly.
  await page.getByLabel('Chapter').selectOption({ index: 2 });
  await shows(page, 2);
  await expect(page.getByRole('region', { name: 'Wait-for graph' })).toHaveClass(/tour-focus/);
});

test('leave the tour for free play, change the run, and come back to the chapter', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Start the tour' }).click();
  await page.getByRole('button', { name: 'Next →' }).click();
  await shows(page, 1);
  await page.getByRole('button', { name: 'Leave the tour' }).click();
  await expect(page.getByText('You left the tour at chapter 2 of')).toBeVisible();
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.getByRole('button', { name: 'Back to the tour' }).click();
  await shows(page, 1);
});

test('a returning visitor is not offered the tour again; the glossary explains a word in place', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Not now' }).click();
  await page.reload();
  await expect(page.locator('.cursor-info')).toContainText('step', { timeout: 20_000 });
  await expect(page.getByRole('button', { name: 'Start the tour' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Tour', exact: true }).click();
  await shows(page, 0);
  const term = page.getByRole('button', { name: 'GIL', exact: true }).first();
  await term.click();
  await expect(page.getByRole('note')).toContainText('GIL: The module GIL');
  await page.getByRole('button', { name: 'Glossary' }).click();
  await expect(page.getByRole('dialog', { name: 'Glossary' })).toContainText('ADMIN job');
});

test('keyboard only: start the tour and move through it', async ({ page }) => {
  await page.goto('./');
  const start = page.getByRole('button', { name: 'Start the tour' });
  await start.focus();
  await page.keyboard.press('Enter');
  await shows(page, 0);
  await page.getByRole('button', { name: 'Next →' }).focus();
  await page.keyboard.press('Enter');
  await shows(page, 1);
  // The narration is announced: it sits in a polite live region.
  await expect(page.locator('[aria-live="polite"]').filter({ hasText: CHAPTERS[1].title })).toHaveCount(1);
});

test('the tour position is in the share link and survives a reload', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Start the tour' }).click();
  await page.getByLabel('Chapter').selectOption({ index: 3 });
  await shows(page, 3);
  const hash = () => page.evaluate(() => location.hash);
  await expect.poll(hash).toContain('tour=4');
  await expect.poll(hash).toContain(`at=${expectedStep(CHAPTERS[3])}`);
  await page.reload();
  await shows(page, 3);
  // A link with a chapter the tour does not have is named, not ignored.
  await page.goto(`./${(await hash()).replace('tour=4', 'tour=99')}`);
  await expect(page.getByRole('alert').or(page.locator('.notice'))).toContainText('tour=99');
});

test('embed mode: the timeline (or the tour) alone, with a way out to the whole page', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Start the tour' }).click();
  await page.getByRole('button', { name: 'Next →' }).click();
  await shows(page, 1);
  const hash = () => page.evaluate(() => location.hash);
  await expect.poll(hash).toContain('tour=2');
  // The link is written once the chapter's moment is placed: wait for the cursor in it.
  await expect.poll(hash).toContain(`at=${expectedStep(CHAPTERS[1])}`);
  await page.goto(`./${(await hash()) + '&embed=1'}`);
  await shows(page, 1);
  await expect(page.locator('.timeline')).toBeVisible();
  for (const name of ['Commands', 'Scenario', 'Threads', 'Explore every interleaving'])
    await expect(page.getByRole('heading', { name, exact: true })).toHaveCount(0);
  const out = page.getByRole('link', { name: 'Open in Lockstep' });
  await expect(out).toHaveAttribute('href', /tour=2/);
  expect(await out.getAttribute('href')).not.toContain('embed=');
  // The page keeps embed= in the links it writes, so a reload stays embedded.
  await expect.poll(hash).toContain('embed=1');
});

test("a chapter's panel below the fold is one button away, and the focus goes to it", async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Start the tour' }).click();
  const i = CHAPTERS.findIndex((c) => c.panel === 'Redis log');
  await page.getByLabel('Chapter').selectOption({ index: i });
  await shows(page, i);
  await page.getByRole('button', { name: 'Show the Redis log panel ↓' }).click();
  await expect(page.getByRole('heading', { name: 'Redis log', exact: true })).toBeFocused();
  await expect(page.getByRole('region', { name: 'Redis log' })).toBeInViewport();
});
