/**
 * The proposed fixes, on trial. Each variant is a change to the machines;
 * the outcomes below follow from the model (section 6), not from labels.
 */
import { describe, expect, it } from 'vitest';
import { logMessages, run } from './test-helpers';

const TO_ZERO = [{ at: 500, text: 'FT.CONFIG SET WORKERS 0' }];
const SEEDS = [1, 2, 3, 4, 5, 6];
const outcome = (variant: string, seed: number, shards = 1) =>
  run({ seed, variant, until: 2500, config: { shards, coordThreads: 4, commands: TO_ZERO } });

describe('the proposals against the pre-fix code, seed by seed', () => {
  const prefix = SEEDS.map((seed) => outcome('prefix', seed).report);

  it('some seeds hang pre-fix (otherwise the comparison proves nothing)', () => {
    expect(prefix.some((r) => r.outcome === 'deadlock')).toBe(true);
    expect(prefix.some((r) => r.outcome === 'ok')).toBe(true);
  });

  for (const variant of ['trigger-first', 'drain-connections']) {
    it(`${variant} hangs wherever prefix hangs, with the same cycle through the GIL`, () => {
      SEEDS.forEach((seed, i) => {
        const r = outcome(variant, seed).report;
        expect(r.outcome, `seed ${seed}`).toBe(prefix[i].outcome);
        if (r.outcome === 'deadlock') expect(r.cycle).toEqual(prefix[i].cycle);
      });
    });
  }

  it('trigger-first schedules uvUpdateConnPoolSize before the resize, and still hangs (cluster)', () => {
    const { sim, report } = outcome('trigger-first', 3, 3);
    expect(report.outcome).toBe('deadlock');
    const toUv = sim.trace.messages.find((m) => m.to === 'search-uv-1' && m.type === 'UPDATE_CONN_POOL')!;
    const spin = sim.trace.lanes.get('main')!.find((span) => span.state === 'spinBarrier')!;
    expect(toUv.step).toBeLessThanOrEqual(spin.startStep);
    expect(report.cycle).toContain('gil');
    expect(report.cycle.some((n) => n.startsWith('search-uv') || n.startsWith('coord'))).toBe(false);
  });

  it('barrier-timeout answers OK, then crashes: the late worker touches the destroyed on-stack barrier', () => {
    SEEDS.forEach((seed, i) => {
      const { sim, report } = outcome('barrier-timeout', seed);
      if (prefix[i].outcome === 'deadlock') {
        expect(report.outcome, `seed ${seed}`).toBe('crash');
        expect(report.replies[0].reply).toBe('OK');
        expect(report.crashAt!).toBeGreaterThan(report.replies[0].repliedAt!);
        expect(report.explanation).toMatch(/use-after-free: workers-\d+ reached a barrier that main already destroyed/);
        expect(logMessages(sim)).toContain('Disabled workers threadpool of size 8');
      } else expect(report.outcome, `seed ${seed}`).toBe('ok');
    });
  });

  for (const variant of ['unlock-gil', 'fixed']) {
    it(`${variant} completes on every seed, OK comes back`, () => {
      for (const seed of SEEDS) {
        const r = outcome(variant, seed).report;
        expect(r.outcome, `seed ${seed}`).toBe('ok');
        expect(r.replies[0].reply).toBe('OK');
      }
    });
  }

  it('drain-connections: where the setter returns, search-uv-1 blocks in the drain for the full timeout, and coordinated queries stall', () => {
    // Seed 1 does not hang: the trigger runs and uvUpdateConnPoolSize drains with replies in flight.
    const { sim, report } = run({
      seed: 1,
      variant: 'drain-connections',
      until: 5800,
      config: { shards: 3, coordThreads: 4, commands: TO_ZERO },
    });
    expect(report.outcome).toBe('ok');
    const log = logMessages(sim);
    expect(log).toContain('Draining connections before shrinking pool from 9 to 1');
    expect(log).toContain('Timeout waiting for connection to drain (node: shard-2, elapsed: 5000 ms)');
    expect(log).toContain('Connection pool drain completed in 5000 ms');
    const drained = sim.trace.log.find((l) => l.message.startsWith('Draining'))!.t;
    const during = sim.trace.notes.filter(
      (n) => n.kind === 'completed' && n.data.client !== 'ping' && n.t > drained + 1 && n.t < drained + 4999,
    );
    expect(during).toEqual([]);
  });
});

describe('side by side', () => {
  it('one scenario, every variant: the proposals that do not help run exactly like prefix', async () => {
    const { compareVariants } = await import('../compare');
    const { defaultScenario } = await import('../registry');
    const runs = compareVariants({ ...defaultScenario('mod-11658'), seed: 1, until: 2500, commands: TO_ZERO }, [
      'prefix',
      'trigger-first',
      'drain-connections',
      'fixed',
      'unlock-gil',
      'barrier-timeout',
    ]);
    const by = Object.fromEntries(runs.map((r) => [r.variant, r]));
    expect(by.prefix.outcome).toBe('deadlock');
    expect(by['trigger-first'].divergesAt).toBeNull();
    expect(by['drain-connections'].divergesAt).toBeNull();
    expect(by.fixed.outcome).toBe('ok');
    expect(by.fixed.divergesAt!.t).toBeGreaterThanOrEqual(500);
    expect(by['unlock-gil'].outcome).toBe('ok');
    expect(by['barrier-timeout'].outcome).toBe('crash');
    expect(by.prefix.pending).toBe(20);
  });
});

describe('what the screen says of each variant', () => {
  it('states the timeouts the machines use', async () => {
    const { VARIANT_INFO } = await import('./variantInfo');
    const { BARRIER_TIMEOUT_MS } = await import('../../machines/mod-11658/variants/barrierTimeout');
    const { DRAIN_TIMEOUT_MS } = await import('../../machines/mod-11658/variants/drainConnections');
    const text = (id: string) => VARIANT_INFO.find((v) => v.id === id)!.description;
    expect(text('barrier-timeout')).toContain(`after ${BARRIER_TIMEOUT_MS / 1000} s`);
    expect(text('drain-connections')).toContain(`${DRAIN_TIMEOUT_MS / 1000} s timeout`);
    for (const v of VARIANT_INFO) expect(v.source && v.changes && v.description).toBeTruthy();
  });
});
