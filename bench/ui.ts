/**
 * UI speed, in headless Debian Chromium against the built site: a large run
 * (100 clients over 60 simulated seconds, about 100,000 spans), then a
 * wheel zoom from fully zoomed out to single-step detail, pans, and a zoom
 * back out. Prints time to first full draw, draw-time and frame-interval
 * percentiles, and the gzipped size of the JavaScript the page loads.
 */
import { chromium, type Page } from '@playwright/test';
import { execSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { DEFAULT_SHARE, encodeHash } from '../src/url/hash';
import { chromiumLaunch } from '../e2e/chromium';

export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};

export function bundleSizes(): { entry: number; worker: number; css: number } {
  const dir = join('dist', 'assets');
  const gz = (f: string) => gzipSync(readFileSync(join(dir, f))).length;
  const files = readdirSync(dir);
  const sum = (re: RegExp) => files.filter((f) => re.test(f)).reduce((n, f) => n + gz(f), 0);
  return { entry: sum(/^index-.*\.js$/), worker: sum(/^sim\.worker-.*\.js$/), css: sum(/\.css$/) };
}

/** The first full draw of the run the page loads: its paint, and the time from the run's arrival to the end of it. */
export async function firstDraw(page: Page, timeout = 120_000) {
  // Page scripts are strings: the TypeScript runner would otherwise wrap named functions in helpers.
  await page.waitForFunction('window.__perf.loads.some((l) => l.firstDrawDone !== null)', null, { timeout });
  return (await page.evaluate(`(() => {
    const l = window.__perf.loads.find((x) => x.firstDrawDone !== null);
    const run = window.__app.state().run;
    return { ready: l.firstDrawDone - l.loadedAt, paint: l.firstDrawMs, spans: run.trace.start.length, steps: run.trace.steps };
  })()`)) as { ready: number; paint: number; spans: number; steps: number };
}

/**
 * The timeline's standard workout, recorded: a wheel zoom from fully zoomed
 * out to single-step detail (about 125 notches), pans, a zoom back out, and
 * more pans, at (cx, cy). Returns every draw's duration, its visible window,
 * and the animation-frame times.
 */
export async function zoomAndPan(page: Page, cx: number, cy: number, notches = 125) {
  await page.evaluate(`(() => {
    window.__perf.draws.length = 0;
    window.__perf.spans.length = 0;
    window.__frames = [];
    const loop = (t) => { window.__frames.push(t); requestAnimationFrame(loop); };
    requestAnimationFrame(loop);
  })()`);
  await page.mouse.move(cx, cy);
  for (let i = 0; i < notches; i++) {
    await page.mouse.wheel(0, -100);
    await page.waitForTimeout(16);
  }
  for (let i = 0; i < 20; i++) {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx - 200, cy, { steps: 4 });
    await page.mouse.up();
  }
  for (let i = 0; i < notches; i++) {
    await page.mouse.wheel(0, 100);
    await page.waitForTimeout(16);
  }
  for (let i = 0; i < 10; i++) {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx + 150, cy, { steps: 4 });
    await page.mouse.up();
  }
  return (await page.evaluate(
    '({ draws: window.__perf.draws.slice(), windows: window.__perf.spans.slice(), frames: window.__frames.slice() })',
  )) as { draws: number[]; frames: number[]; windows: number[] };
}

export async function benchUi(baseline = false) {
  if (!existsSync('dist/index.html') || process.env.BENCH_REBUILD !== '0')
    execSync('npx vite build', { stdio: 'ignore' });
  const server = spawn(process.execPath, ['e2e/serve.mjs'], { env: { ...process.env, PORT: '4174' }, stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 500));
  const browser = await chromium.launch(chromiumLaunch);
  try {
    const page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
    const hash = encodeHash({
      ...DEFAULT_SHARE,
      settings: { ...DEFAULT_SHARE.settings, clients: 100, think: 700 },
      until: 60_000,
      commands: [],
    });
    await page.goto(`http://127.0.0.1:4174/lockstep/${hash}`);
    const first = await firstDraw(page);
    const box = (await page.locator('canvas.overlay').boundingBox())!;
    // baseline: the same input over the page header, where nothing redraws: the machine's own frame noise.
    const { draws, frames, windows } = baseline
      ? await zoomAndPan(page, 400, 20)
      : await zoomAndPan(page, box.x + box.width * 0.5, box.y + 40);
    if (process.env.BENCH_DETAIL) {
      const slow = draws.map((d, i) => [d, windows[i]]).filter(([d]) => d > 8);
      console.log('slow draws [ms, window ms]:', JSON.stringify(slow.map(([d, w]) => [+d.toFixed(1), +w.toFixed(3)])));
    }
    const intervals = frames.slice(1).map((t, i) => t - frames[i]);
    return { first, draws, intervals };
  } finally {
    await browser.close();
    server.kill();
  }
}

type UiResult = Awaited<ReturnType<typeof benchUi>>;

export function printUi(r: UiResult, baseline?: UiResult) {
  const f = (n: number) => n.toFixed(1);
  console.log(
    `UI: 100 clients over 60 s simulated (${r.first.spans.toLocaleString('en-US')} spans, ${r.first.steps.toLocaleString('en-US')} steps), headless Chromium, 1600x1000`,
  );
  console.log(
    `  first full draw:  ${f(r.first.paint)} ms paint, ${f(r.first.ready)} ms from the run's arrival to the end of that paint (target: under 150 ms)`,
  );
  console.log(
    `  draw time:        median ${f(pct(r.draws, 50))} ms, p95 ${f(pct(r.draws, 95))} ms, max ${f(Math.max(...r.draws))} ms over ${r.draws.length} draws (target p95: under 8 ms)`,
  );
  console.log(
    `  frame interval:   median ${f(pct(r.intervals, 50))} ms, p95 ${f(pct(r.intervals, 95))} ms, max ${f(Math.max(...r.intervals))} ms; ${r.intervals.filter((x) => x > 33).length} of ${r.intervals.length} over 33 ms (target: none)`,
  );
  if (baseline) {
    const over = baseline.intervals.filter((x) => x > 33).length;
    console.log(
      `  baseline:         the same input over the page header (nothing redraws): frame interval p95 ${f(pct(baseline.intervals, 95))} ms, max ${f(Math.max(...baseline.intervals))} ms; ${over} of ${baseline.intervals.length} over 33 ms`,
    );
  }
  const b = bundleSizes();
  console.log(
    `  JavaScript (gzip): page ${(b.entry / 1024).toFixed(1)} KB, simulation worker ${(b.worker / 1024).toFixed(1)} KB, total ${((b.entry + b.worker) / 1024).toFixed(1)} KB (target: under 250 KB); CSS ${(b.css / 1024).toFixed(1)} KB`,
  );
}
