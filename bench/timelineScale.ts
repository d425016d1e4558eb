/**
 * The timeline at scale (issue 10 §4): a real run of about 1,000,000 spans
 * (the default load over 20 simulated seconds, as far as the page's step
 * limit lets it go), drawn in headless Debian Chromium against a build of
 * the site in a folder of its own, then the standard zoom-and-pan workout.
 * Prints the first draw (from the run's arrival to the end of its first
 * full paint; the page is loaded `loads` times, as one load is at the mercy
 * of whatever else the machine runs) and the draw-time percentiles over the
 * workout's frames.
 */
import { chromium, type Page } from '@playwright/test';
import { execSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_SHARE, encodeHash } from '../src/url/hash';
import { chromiumLaunch } from '../e2e/chromium';
import { firstDraw, pct, zoomAndPan } from './ui';

export interface ScaleOptions {
  /** Where the site is built (its `dist` inside); never the checkout's own dist/, which others serve. */
  dir?: string;
  port?: number;
  /** false: reuse a build already in `dir`. */
  build?: boolean;
  until?: number;
  /** Page loads whose first draws are timed (the workout runs on the last). */
  loads?: number;
}

export async function benchTimelineScale(o: ScaleOptions = {}) {
  const dir = resolve(o.dir ?? '/tmp/lockstep-bench-scale');
  const port = o.port ?? 4176;
  if (o.build !== false) {
    mkdirSync(dir, { recursive: true });
    execSync(`npx vite build --outDir ${join(dir, 'dist')} --emptyOutDir`, { stdio: 'ignore' });
  }
  // e2e/serve.mjs serves `dist` under its working directory.
  const server = spawn(process.execPath, [resolve('e2e/serve.mjs')], {
    cwd: dir,
    env: { ...process.env, PORT: String(port) },
    stdio: 'ignore',
  });
  await new Promise((r) => setTimeout(r, 500));
  const browser = await chromium.launch(chromiumLaunch);
  const hash = encodeHash({ ...DEFAULT_SHARE, until: o.until ?? 20_000, commands: [] });
  try {
    const firsts = [];
    let page: Page | null = null;
    for (let i = 0; i < (o.loads ?? 3); i++) {
      await page?.context().close();
      page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
      await page.goto(`http://127.0.0.1:${port}/lockstep/${hash}`);
      firsts.push(await firstDraw(page, 300_000));
    }
    const box = (await page!.locator('canvas.overlay').boundingBox())!;
    const { draws, frames, windows } = await zoomAndPan(page!, box.x + box.width * 0.5, box.y + 40);
    const intervals = frames.slice(1).map((t, i) => t - frames[i]);
    return { firsts, draws, windows, intervals };
  } finally {
    await browser.close();
    server.kill();
  }
}

export function printTimelineScale(r: Awaited<ReturnType<typeof benchTimelineScale>>) {
  const f = (n: number) => n.toFixed(1);
  const first = r.firsts[0];
  const ready = r.firsts.map((x) => x.ready);
  console.log(
    `Timeline at scale: ${first.spans.toLocaleString('en-US')} spans (${first.steps.toLocaleString('en-US')} steps), headless Chromium, 1600x1000`,
  );
  console.log(
    `  first draw:       median ${f(pct(ready, 50))} ms, best ${f(Math.min(...ready))} ms over ${ready.length} loads, from the run's arrival to the end of its first full paint (painting: ${r.firsts.map((x) => f(x.paint)).join(', ')} ms) (target: under 200 ms)`,
  );
  console.log(
    `  draw time:        median ${f(pct(r.draws, 50))} ms, p95 ${f(pct(r.draws, 95))} ms, max ${f(Math.max(...r.draws))} ms over ${r.draws.length} draws (target p95: under 8 ms)`,
  );
  console.log(
    `  frame interval:   median ${f(pct(r.intervals, 50))} ms, p95 ${f(pct(r.intervals, 95))} ms; ${r.intervals.filter((x) => x > 33).length} of ${r.intervals.length} over 33 ms`,
  );
  if (process.env.BENCH_DETAIL) {
    const slow = r.draws.map((d, i) => [d, r.windows[i]]).filter(([d]) => d > 8);
    console.log('  slow draws [ms, window ms]:', JSON.stringify(slow.map(([d, w]) => [+d.toFixed(1), +w.toFixed(3)])));
  }
}
