/** The seeds' two documented runs, opened from the Scenario panel: their notes, log, hang, kill and evidence. */
import { expect, test } from '@playwright/test';
import { presetScenario } from '../src/incidents/registry';
import { scenarioFrom } from '../src/store/appStore';
import { shareOf } from '../src/url/hash';
import { open, runScenario } from './helpers';

const atEnd = (id: string) => {
  const share = shareOf(presetScenario('mod-11658', id)!);
  const { sim } = runScenario(scenarioFrom(share));
  return { ...share, cursor: sim.step };
};

test('Production, 30 Sep 2025: chosen from the list, with its notes, an 8-hour hang and no line 2.10.20 would not print', async ({
  page,
}) => {
  await page.addInitScript(() => localStorage.setItem('lockstep.tour.seen', '1'));
  await page.goto('./');
  await expect(page.locator('.cursor-info')).toContainText('step', { timeout: 20_000 });
  await page.getByLabel('Open a scenario').selectOption('production-2025-09-30');
  const notes = page.getByRole('region', { name: /^Production, 30 Sep 2025/ });
  await expect(notes).toContainText('RediSearch 2.10.20');
  await expect(notes.getByRole('heading', { name: 'Where the documents disagree' })).toBeVisible();
  await expect(notes).toContainText('WORKERS 6');
  await expect(page.locator('.cursor-info')).toContainText('30 Sep 2025', { timeout: 30_000 });
  // At the end of the run: hours of PINGs timing out, and the log never says "Changing…".
  await open(page, atEnd('production-2025-09-30'));
  await expect(page.getByTestId('ping-waiting')).toContainText(
    /No PING answered for 7\.7\d* h: \d+ sent, \d+ timed out/,
  );
  const log = page.getByRole('list', { name: 'Redis log up to the cursor' });
  await expect(log).toContainText('Enabled workers threadpool of size 8');
  await expect(log).not.toContainText('Changing workers threadpool size');
  await expect(log).not.toContainText('FT.CONFIG is deprecated');
  await expect(page.getByText('(redis-server, pid 3650813, was sent SIGKILL)')).toBeVisible();
  await expect(page.getByTestId('status')).toContainText(
    /deadlocks at 726\.\d+ ms\. It stays hung for 7\.72 h, until redis-server \(pid 3650813\) was killed by signal 9 \(SIGKILL\)/,
  );
});

test('Reproduction test, 21 Oct 2025: the crash report in the log and the evidence views at the kill', async ({
  page,
}) => {
  await page.addInitScript(() => localStorage.setItem('lockstep.tour.seen', '1'));
  await open(page, atEnd('reproduction-test-2025-10-21'));
  await expect(page.getByRole('region', { name: /^Reproduction test, 21 Oct 2025/ })).toContainText('300 s');
  const log = page.getByRole('list', { name: 'Redis log up to the cursor' });
  await expect(log).toContainText('12:37:51.010 # <search> FT.CONFIG is deprecated');
  await expect(log).not.toContainText('Changing workers threadpool size');
  await expect(log).toContainText('21 Oct 2025 12:42:47.252 # Redis 255.255.255 crashed by signal: 11, si_code: 0');
  await expect(log).toContainText('Killed by PID: 3650777, UID: 1000');
  await expect(log).toContainText('redisearch.so(barrier_wait_and_destroy)');
  await expect(page.getByTestId('status')).toContainText(
    /It stays hung for 4\.94 min, until redis-server \(pid 3650813\) was killed by signal 11 \(SIGSEGV\) from PID 3650777/,
  );
  const evidence = page.getByRole('region', { name: 'Evidence at the cursor' });
  await expect(evidence.getByRole('tab', { name: 'CLIENT LIST' })).toHaveAttribute('aria-selected', 'true');
  await expect(evidence.getByLabel('CLIENT LIST output')).toContainText(/name=redis-cli .*cmd=FT\.CONFIG/);
  await evidence.getByRole('tab', { name: 'CLIENT LIST' }).press('ArrowRight');
  await expect(evidence.getByRole('tab', { name: 'INFO' })).toBeFocused();
  await expect(evidence.getByLabel('INFO output')).toContainText('cmdstat_FT.SEARCH:calls=');
  await evidence.getByRole('tab', { name: 'Threads' }).click();
  await expect(evidence.getByLabel('Threads output')).toContainText('redis-server');
});
