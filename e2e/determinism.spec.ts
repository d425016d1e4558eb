/** The simulation core runs in the browser's Web Worker untouched: same link, same trace as in Node. */
import { expect, test } from '@playwright/test';
import { traceDigest } from '../src/engine/digest';
import { runScenario } from './helpers';
import { scenarioFrom } from '../src/store/appStore';
import { base, open } from './helpers';

for (const state of [
  base({ seed: 4, until: 800, commands: [{ at: 400, text: 'FT.CONFIG SET WORKERS 0' }] }),
  base({
    variant: 'fixed',
    shards: 3,
    clients: 10,
    seed: 9,
    until: 500,
    commands: [{ at: 250, text: 'CONFIG SET search-workers 2' }],
  }),
]) {
  test(`same trace in the browser as in Node: ${state.variant}, ${state.settings.shards} shard(s), seed ${state.seed}`, async ({
    page,
  }) => {
    await open(page, state);
    const digest = await page.evaluate('window.__app.state().run.digest');
    expect(digest).toBe(traceDigest(runScenario(scenarioFrom(state)).sim));
  });
}
