/**
 * The tour's first chapter, as a first-time visitor meets it, in headless
 * Debian Chromium against the built site: from navigation to the offer,
 * and from "Start the tour" to chapter 1's run drawn with its cursor on the
 * chapter's moment.
 */
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { chromiumLaunch } from '../e2e/chromium';

export async function benchTour(runs = 5) {
  const server = spawn(process.execPath, ['e2e/serve.mjs'], { env: { ...process.env, PORT: '4175' }, stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 500));
  const browser = await chromium.launch(chromiumLaunch);
  const offer: number[] = [];
  const chapter: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      const t0 = performance.now();
      await page.goto('http://127.0.0.1:4175/lockstep/');
      const start = page.getByRole('button', { name: 'Start the tour' });
      await start.waitFor();
      const t1 = performance.now();
      await start.click();
      // The chapter's moment is placed once its run is in: the cursor leaves step 0.
      await page.waitForFunction(
        () =>
          /^step [1-9]/.test(document.querySelector('.cursor-info')?.textContent ?? '') &&
          !document.querySelector('.busy'),
        null,
        { timeout: 60_000 },
      );
      const t2 = performance.now();
      offer.push(t1 - t0);
      chapter.push(t2 - t1);
      await page.context().close();
    }
  } finally {
    await browser.close();
    server.kill();
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { offer: med(offer), chapter: med(chapter), runs };
}
