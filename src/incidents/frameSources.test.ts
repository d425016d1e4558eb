/** Every frame of the simulated stacks that is RediSearch's or Redis's links to its definition, at the variant's commit. */
import { describe, expect, it } from 'vitest';
import { coreOf } from './cores';
import { defaultScenario, infoOf } from './registry';

// Not Redis's nor RediSearch's: libc, libuv, the test clients, and the modelled client programs.
const ELSEWHERE =
  /^(epoll_wait|read|sleep|usleep|pthread_\w+|start_thread|uv_\w+|uv__\w+|think|redis-cli|feeder(\.py)?|subscriber(\.py)?|time\.sleep|Process\.start|xadd|xreadgroup|xgroup_create|print|exit)$/;

function framesOf(incident: string, variant: string, settings = {}): Set<string> {
  const d = defaultScenario(incident);
  const s = { ...d, variant, settings: { ...d.settings, ...settings } };
  const sim = coreOf(incident).createSimulation(s);
  sim.run({ until: s.until });
  return new Set(sim.trace.stacks.flat());
}

describe('frame sources', () => {
  it.each([
    ['mod-11658', 'prefix', { shards: 3 }],
    ['mod-11658', 'fixed', {}],
    ['redis-12290', '7.2-rc2', {}],
    ['redis-12290', '7.2-rc3', {}],
  ])('%s %s: every RediSearch and Redis frame has a source', (incident, variant, settings) => {
    const ui = infoOf(incident).ui;
    const missing = [...framesOf(incident, variant, settings)].filter(
      (f) => !ELSEWHERE.test(f) && !ui.frameSource?.(f, variant),
    );
    expect(missing).toEqual([]);
  });

  it('links to the commit the variant models', () => {
    const ui = infoOf('mod-11658').ui;
    expect(ui.frameSource!('barrier_wait_and_destroy', 'prefix')!.url).toBe(
      'https://github.com/RediSearch/RediSearch/blob/dede3e11de53450b7df34ee1bdaa0d41567fdd51/deps/thpool/barrier.c#L25',
    );
    expect(ui.frameSource!('verify_init', 'fixed')!.url).toContain(
      '/874ce6826d1ea0ba59f281aa7b60b738ad49794b/deps/thpool/thpool.c#L',
    );
    expect(ui.frameSource!('beforeSleep', 'fixed')!.label).toBe('Redis 7.4.0 src/server.c:1637');
    const r = infoOf('redis-12290').ui;
    expect(r.frameSource!('handleClientsBlockedOnKey', '7.2-rc2')!.url).toBe(
      'https://github.com/redis/redis/blob/7.2-rc2/src/blocked.c#L555',
    );
    expect(ui.frameSource!('epoll_wait', 'prefix')).toBeNull();
  });
});
