/** The coordinator side (cluster mode): where it takes the GIL, and what it waits for. */
import { describe, expect, it } from 'vitest';
import { run } from './test-helpers';

describe('search-uv-1 and the coord pool', () => {
  it('takes the GIL only to set up new connections (Expand after WORKERS grows)', () => {
    const { sim, report } = run({
      variant: 'fixed',
      until: 600,
      config: {
        shards: 3,
        coordThreads: 4,
        commands: [
          { at: 200, text: 'FT.CONFIG SET WORKERS 0' },
          { at: 400, text: 'FT.CONFIG SET WORKERS 8' },
        ],
      },
    });
    expect(report.outcome).toBe('ok');
    const uv = sim.trace.lanes.get('search-uv-1')!;
    const gilSpans = uv.filter((s) => s.kind === 'waitGil' || s.kind === 'holdGil');
    expect(gilSpans.length).toBeGreaterThan(0);
    expect(gilSpans.every((s) => s.start >= 400)).toBe(true);
    expect(gilSpans.map((s) => s.fn)).toContain('checkTLS');
    const uvHandoffs = sim.trace.handoffs.filter((h) => h.to === 'search-uv-1');
    expect(uvHandoffs.length).toBeGreaterThan(0);
  });

  it('distributed queries fan out through search-uv-1 and come back through the coord pool', () => {
    const { sim, report } = run({ until: 150, config: { shards: 3, coordThreads: 4 } });
    expect(report.outcome).toBe('ok');
    expect(report.stats.completed).toBeGreaterThan(50);
    const internal = sim.trace.messages.filter((m) => m.from === 'search-uv-1' && m.to === 'main');
    expect(internal.length).toBeGreaterThan(0);
    expect(internal.every((m) => m.label.startsWith('_FT.'))).toBe(true);
    const coordBusy = [...sim.trace.lanes.entries()].filter(
      ([id, l]) => id.startsWith('coord-') && l.some((s) => s.state === 'working'),
    );
    expect(coordBusy.length).toBeGreaterThan(0);
  });
});
