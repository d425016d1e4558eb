import { describe, expect, it } from 'vitest';
import { PRESETS } from './presets';
import { decodeHash, encodeHash } from './hash';
import { runScenario } from '../incidents/mod-11658/scenario';
import { scenarioFrom } from '../store/appStore';

describe('the one-click scenarios', () => {
  it('are valid share states', () => {
    for (const p of PRESETS) expect(decodeHash(encodeHash(p.state))).toEqual({ state: p.state, error: null });
  });

  it('show what their titles say', () => {
    const outcome = (id: string) => runScenario(scenarioFrom(PRESETS.find((p) => p.id === id)!.state)).report;
    expect(outcome('regression').outcome).toBe('deadlock');
    expect(outcome('regression-fixed').outcome).toBe('ok');
    const residual = outcome('residual-risk');
    expect(residual.outcome).toBe('deadlock');
    expect(residual.stacks.main.slice(0, 2)).toEqual(['barrier_wait_and_destroy', 'verify_init']);
    expect(outcome('zero-to-eight').replies[0].reply).toBe('OK');
    expect(
      outcome('reduction-sequence')
        .replies.slice(1)
        .map((r) => r.reply),
    ).toEqual(['OK', 'OK', 'OK', 'OK']);
  });
});
