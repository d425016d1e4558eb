/** The race-window heatmap: counts that match the core's runs, and cancel. */
import { expect, test } from '@playwright/test';
import { base, open } from './helpers';
import { cells, jobs, runJob, type SweepSpec } from '../src/incidents/mod-11658/sweep';

test('the heatmap counts hangs per moment and load, as the core does', async ({ page }) => {
  const spec: SweepSpec = {
    variant: 'prefix',
    workers: 8,
    target: 0,
    seeds: 4,
    at: [8, 12],
    loads: [0, 1].map((loadFraction) => ({ clients: 20, loadFraction, aggregateFraction: 0.2, shards: 1 })),
    windowMs: 3,
  };
  const js = jobs(spec);
  const expected = cells(
    spec,
    js,
    js.map((j) => runJob(spec, j)),
  );
  await open(page, base({ until: 200 }));
  const panel = page.getByRole('region', { name: 'Race window' });
  await panel.getByLabel('Seeds per cell').fill('4');
  await panel.getByLabel('Send at (ms)').fill('8,12');
  await panel.getByLabel('Clients').fill('20');
  await panel.getByLabel('Share that LOAD').fill('0,1');
  await panel.getByRole('button', { name: 'Sweep', exact: true }).click();
  const table = panel.getByTestId('heatmap');
  await expect(table).toBeVisible({ timeout: 60_000 });
  for (const [a, at] of spec.at.entries()) {
    const row = table.getByRole('row', { name: new RegExp(`^${at} ms`) });
    const cellsText = expected[a].map((c) => `${c.hangs}/${c.runs}`);
    await expect(row.getByRole('cell')).toHaveText(cellsText);
  }
  await expect(panel.getByLabel('Share that LOAD')).toHaveValue('0,1');
  // A cell opens one of its runs: the first seed that hung there, with the command at that moment.
  const a = expected.findIndex((row) => row[1].hangs > 0);
  const seed = js.find((j) => j.load === 1 && runJob(spec, j)[a] === 'hang')!.seed;
  await table
    .getByRole('row', { name: new RegExp(`^${spec.at[a]} ms`) })
    .getByRole('button')
    .nth(1)
    .click();
  await expect(page.locator('.busy')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByLabel('Seed', { exact: true })).toHaveValue(String(seed));
  await expect(page.getByTestId('status')).toContainText('deadlocks');
});

test('a sweep can be cancelled, and a bad list is named', async ({ page }) => {
  await open(page, base({ until: 200 }));
  const panel = page.getByRole('region', { name: 'Race window' });
  await panel.getByLabel('Seeds per cell').fill('400');
  await panel.getByRole('button', { name: 'Sweep', exact: true }).click();
  await expect(panel.getByTestId('sweep-progress')).toContainText('runs');
  await panel.getByRole('button', { name: 'Cancel sweep' }).click();
  await expect(panel.getByTestId('sweep-progress')).toHaveText('');
  await panel.getByLabel('Clients').fill('10,lots');
  await expect(panel.getByText('comma-separated whole numbers from 1 to 200')).toBeVisible();
  await panel.getByLabel('Share that LOAD').fill('0.5,');
  await expect(panel.getByText('comma-separated numbers from 0 to 1')).toBeVisible();
  await panel.getByLabel('Shards').fill('0');
  await expect(panel.getByText('comma-separated whole numbers from 1 to 8')).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Sweep', exact: true })).toBeDisabled();
});
