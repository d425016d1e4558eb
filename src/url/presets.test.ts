import { describe, expect, it } from 'vitest';
import { INCIDENTS, presetScenario } from '../incidents/registry';
import { coreOf } from '../incidents/cores';
import { decodeHash, defaultShare, encodeHash, type ShareState } from './hash';

const share = (incident: string, id: string): ShareState => ({
  ...defaultShare(incident),
  ...presetScenario(incident, id)!,
  manual: {},
  untimed: false,
  cursor: 0,
  view: null,
});

describe('the one-click scenarios', () => {
  it('are valid share states', () => {
    for (const i of INCIDENTS)
      for (const p of i.ui.presets) {
        const s = share(i.id, p.id);
        expect(decodeHash(encodeHash(s))).toEqual({ state: s, error: null });
      }
  });

  it('show what their titles say', () => {
    const outcome = (id: string) => {
      const s = presetScenario('mod-11658', id)!;
      const core = coreOf('mod-11658');
      const sim = core.createSimulation(s);
      sim.run({ until: s.until });
      return core.report(sim);
    };
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
