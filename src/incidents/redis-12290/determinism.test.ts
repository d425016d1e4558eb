import { describe, expect, it } from 'vitest';
import { createSimulation } from './scenario';
import { digest, run, scenario } from './test-helpers';
import { laneLayout } from './lanes';
import { SETTINGS } from './settings';
import { DEFAULT_CONFIG, toConfig } from './config';

describe('a run is a function of its inputs', () => {
  it('gives the same trace for the same seed, another for another seed', () => {
    for (const variant of ['7.2-rc2', '7.2-rc3']) {
      const a = run({ variant, seed: 7, config: { commands: [{ at: 500, text: 'PING' }] } });
      const b = run({ variant, seed: 7, config: { commands: [{ at: 500, text: 'PING' }] } });
      const c = run({ variant, seed: 8, config: { commands: [{ at: 500, text: 'PING' }] } });
      expect(digest(a.sim)).toBe(digest(b.sim));
      expect(digest(a.sim)).not.toBe(digest(c.sim));
    }
  });

  it('gives the same run compiled and on XState itself', () => {
    const a = run({ variant: '7.2-rc2', until: 600, execution: 'compiled' });
    const b = run({ variant: '7.2-rc2', until: 600, execution: 'xstate' });
    expect(digest(a.sim)).toBe(digest(b.sim));
  });

  it('steps back to the same world (seek replays from a checkpoint)', () => {
    const sim = createSimulation(scenario({ variant: '7.2-rc3' }));
    sim.run({ until: 2000 });
    const end = sim.step;
    const key = sim.stateKey();
    sim.seek(Math.floor(end / 3));
    sim.seek(end);
    expect(sim.stateKey()).toBe(key);
  });
});

describe('settings and lanes', () => {
  it('derive the full configuration from the settings', () => {
    expect(toConfig(SETTINGS.defaults)).toEqual(DEFAULT_CONFIG);
    const c = toConfig({ ...SETTINGS.defaults, subscribers: 2, serve: false, connectAtMs: null });
    expect([c.subscribers, c.serve, c.connectAtMs]).toEqual([2, false, null]);
    expect(() => toConfig({ ...SETTINGS.defaults, subscribers: 51 })).toThrow();
  });

  it('put main first, then the subscribers in order, the feeder, ping, the new client and redis-cli', () => {
    const lanes = laneLayout(['redis-cli', 'subscriber-10', 'feeder', 'ping', 'subscriber-2', 'main', 'newclient']);
    expect(lanes.map((l) => `${l.group}:${l.id}`)).toEqual([
      'main:main',
      'subscribers:subscriber-2',
      'subscribers:subscriber-10',
      'feeder:feeder',
      'operator:ping',
      'operator:newclient',
      'operator:redis-cli',
    ]);
  });
});
