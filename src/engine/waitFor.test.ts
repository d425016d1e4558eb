import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { findCycle, hasCycle, stuckNodes } from './waitFor';
import type { WaitEdge } from './types';

const e = (from: string, to: string, quota?: number): WaitEdge =>
  quota === undefined ? { from, to, kind: 'waits for lock' } : { from, to, kind: 'needs arrival', quota };

describe('findCycle', () => {
  test('finds the MOD-11658 cycle and starts it at the first actor in order', () => {
    const edges = [e('gil', 'main'), e('workers-3', 'gil'), e('main', 'barrier-1'), e('barrier-1', 'workers-3', 8)];
    expect(findCycle(edges, ['main', 'gil', 'workers-3'])).toEqual(['main', 'barrier-1', 'workers-3', 'gil']);
  });

  test('returns null for a chain', () => {
    expect(findCycle([e('a', 'b'), e('b', 'c')])).toBeNull();
  });

  const graph = fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })), { maxLength: 14 });
  test.prop([graph])('agrees with hasCycle, and what it returns is a real cycle', (pairs) => {
    const edges = pairs.filter(([a, b]) => a !== b).map(([a, b]) => e(`n${a}`, `n${b}`));
    const cycle = findCycle(edges);
    expect(cycle !== null).toBe(hasCycle(edges));
    if (cycle) {
      for (let i = 0; i < cycle.length; i++) {
        const next = cycle[(i + 1) % cycle.length];
        expect(edges.some((x) => x.from === cycle[i] && x.to === next)).toBe(true);
      }
    }
  });
});

describe('stuckNodes', () => {
  const cycle = [e('gil', 'main'), e('main', 'barrier-1'), e('workers-3', 'gil')];

  test('N->0: one worker stuck on the GIL blocks the whole barrier', () => {
    const edges = [...cycle, e('barrier-1', 'workers-3', 2), e('barrier-1', 'workers-4', 2)];
    const stuck = stuckNodes(edges, new Set(['workers-4']));
    expect([...stuck].sort()).toEqual(['barrier-1', 'gil', 'main', 'workers-3']);
  });

  test('N->M: a barrier that still has enough free threads is not stuck', () => {
    const edges = [...cycle, e('barrier-1', 'workers-3', 1), e('barrier-1', 'workers-4', 1)];
    expect(stuckNodes(edges, new Set(['workers-4'])).size).toBe(0);
  });

  test('a thread with a move frees what waits on it', () => {
    expect(stuckNodes([e('a', 'gil'), e('gil', 'b')], new Set(['b'])).size).toBe(0);
  });
});
