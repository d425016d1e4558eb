/**
 * "Take it away": the trace downloads as Chrome trace-event JSON with the
 * run's threads and paired GIL flows, the reproduction script downloads with
 * the scenario's values (and compiles when python3 is here), and Copy link
 * puts the page's URL on the clipboard and says so.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { packTrace } from '../src/engine/packed';
import { scenarioFrom } from '../src/store/appStore';
import { base, open, runScenario } from './helpers';

const STATE = base({ until: 700, commands: [{ at: 300, text: 'FT.CONFIG SET WORKERS 0' }] });

interface Ev {
  name: string;
  ph: string;
  ts: number;
  pid: number;
  tid: number;
  id?: number;
  s?: string;
  args?: Record<string, unknown>;
}

const panel = (page: Page) => page.getByRole('region', { name: 'Take it away' });

async function download(page: Page, button: string) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    panel(page).getByRole('button', { name: button }).click(),
  ]);
  const path = test.info().outputPath(file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), path, text: readFileSync(path, 'utf-8') };
}

function python(): boolean {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

test('the trace downloads as trace-event JSON: a named track per thread, GIL hand-offs as paired flows', async ({
  page,
}) => {
  await open(page, STATE);
  const file = await download(page, 'Download trace (JSON)');
  expect(file.name).toBe('lockstep-mod-11658-prefix-seed1.json');
  const evs = (JSON.parse(file.text) as { traceEvents: Ev[] }).traceEvents;

  const lanes = packTrace(runScenario(scenarioFrom(STATE)).sim).lanes;
  const threads = evs.filter((e) => e.ph === 'M' && e.name === 'thread_name');
  expect(new Set(threads.map((e) => e.args!.name))).toEqual(new Set([...lanes, 'GIL (owner)']));
  const track = new Map(threads.map((e) => [`${e.pid}/${e.tid}`, e.args!.name as string]));
  expect(track.size).toBe(threads.length);

  const starts = new Map(evs.filter((e) => e.ph === 's').map((e) => [e.id!, e]));
  const ends = new Map(evs.filter((e) => e.ph === 'f').map((e) => [e.id!, e]));
  expect(starts.size).toBeGreaterThan(0);
  expect([...ends.keys()].sort()).toEqual([...starts.keys()].sort());
  for (const [id, s] of starts) {
    const f = ends.get(id)!;
    expect(f.ts).toBeGreaterThanOrEqual(s.ts);
    expect(track.has(`${s.pid}/${s.tid}`) && track.has(`${f.pid}/${f.tid}`)).toBe(true);
    expect(f.tid).not.toBe(s.tid);
  }
  expect(evs.find((e) => e.ph === 'i' && e.s === 'g')).toMatchObject({ name: 'FT.CONFIG SET WORKERS 0', ts: 300_000 });
  expect(evs.some((e) => e.ph === 'i' && e.s === 't' && /<search> /.test(e.name))).toBe(true);
});

test('the reproduction script downloads with the scenario in it, for either incident', async ({ page }) => {
  const compile = python();
  await open(page, STATE);
  const mod = await download(page, 'Download reproduction script');
  expect(mod.name).toBe('test_lockstep_mod_11658_prefix_seed1.py');
  for (const text of [
    'WORKERS = 8',
    'CLIENTS = 20',
    '(0.3, "FT.CONFIG SET WORKERS 0", ["FT.CONFIG", "SET", "WORKERS", "0"])',
    'at 300 ms: FT.CONFIG SET WORKERS 0',
    "Lockstep's run of it: deadlock at",
  ])
    expect(mod.text).toContain(text);
  if (compile) execFileSync('python3', ['-m', 'py_compile', mod.path]);

  await open(page, base({ incident: 'redis-12290', subscribers: 4, commands: [{ at: 1200, text: 'PING' }] }));
  const redis = await download(page, 'Download reproduction script');
  expect(redis.name).toBe('repro_redis_12290_7_2_rc2_seed1.py');
  for (const text of ['SUBSCRIBERS = 4', '(1.2, "PING", ["PING"])', 'testuser-', 'XADD MAXLEN 5000'])
    expect(redis.text).toContain(text);
  if (compile) execFileSync('python3', ['-m', 'py_compile', redis.path]);
  test.info().annotations.push({
    type: 'py_compile',
    description: compile ? 'both scripts compiled' : 'skipped: python3 is not on PATH (checked their values only)',
  });
});

test('Copy link puts the page URL on the clipboard and says so, politely', async ({ browser }) => {
  const context = await browser.newContext({
    permissions: ['clipboard-read', 'clipboard-write'],
    baseURL: test.info().project.use.baseURL,
  });
  const page = await context.newPage();
  await open(page, STATE);
  await panel(page).getByRole('button', { name: 'Copy link' }).click();
  const feedback = page.getByTestId('export-feedback');
  await expect(feedback).toHaveText('Link copied');
  await expect(feedback).toHaveAttribute('aria-live', 'polite');
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  // What was copied is the view on screen: the address bar settles on the same link.
  await expect.poll(() => page.evaluate(() => location.href)).toBe(clip);
  expect(clip).toContain('cmd=');
  expect((await new AxeBuilder({ page }).include('.export').analyze()).violations).toEqual([]);
  await context.close();
});

test('Copy link says what to do when the clipboard refuses', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'clipboard', {
      get: () => ({ writeText: () => Promise.reject(new Error('denied')) }),
    });
  });
  await open(page, STATE);
  await panel(page).getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByTestId('export-feedback')).toHaveText('Copy failed: select the address bar');
});
