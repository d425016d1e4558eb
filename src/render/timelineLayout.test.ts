/** The timeline's pure layout rules: axis labels, the hover card, tour rows, and the wait-for arrows at the deadlock. */
import { describe, expect, it } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { info } from '../incidents/mod-11658/info';
import { laneMatches } from '../tour/resolve';
import { scenarioFrom } from '../store/appStore';
import { defaultShare } from '../url/hash';
import { Session } from '../worker/session';
import { buildRows } from './geometry';
import { labelShift, placeCard, rowNamed } from './placement';
import { routeEdges } from './edgeRoutes';
import { bandOver, columnXs, relocate } from './overlayPainter';
import type { DrawnLabel } from './timelinePainter';

// The page's own run and the wait edges at its deadlock (a verdict keeps only the cycle's).
const session = new Session(scenarioFrom({ ...defaultShare('mod-11658'), until: 700 }));
const { trace } = session.run;
const verdict = session.run.verdict!;
const atDeadlock = session.stateAt(verdict.step);
const index = new Map(trace.lanes.map((id, i) => [id, i]));
const rows = buildRows(info.ui.lanes(trace.lanes), index, new Set(), info.ui.groups, info.ui.locks);

describe('axis labels', () => {
  test.prop([fc.double({ min: -50, max: 850, noNaN: true }), fc.double({ min: 1, max: 120, noNaN: true })])(
    'a shifted label lies within the axis',
    (x, w) => {
      const dx = labelShift(x, w, 800);
      expect(x + dx - w / 2).toBeGreaterThanOrEqual(-1e-9);
      expect(x + dx + w / 2).toBeLessThanOrEqual(800 + 1e-9);
    },
  );

  it('labels already inside stay where they are; the first and last slide in', () => {
    expect(labelShift(400, 40, 800)).toBe(0);
    expect(labelShift(0.5, 40, 800)).toBe(19.5);
    expect(labelShift(799.5, 40, 800)).toBe(-19.5);
  });
});

describe('hover card', () => {
  const view = { width: 1280, height: 900 };
  const size = { width: 270, height: 90 };

  it('goes below and right of the pointer when it fits', () => {
    expect(placeCard(100, 100, size, view)).toEqual({ left: 114, top: 114 });
  });

  it('flips above the pointer near the bottom and left of it near the right edge', () => {
    const at = placeCard(1250, 880, size, view);
    expect(at.top + size.height).toBeLessThan(880);
    expect(at.left + size.width).toBeLessThan(1250);
  });

  test.prop([fc.double({ min: 0, max: 1280, noNaN: true }), fc.double({ min: 0, max: 900, noNaN: true })])(
    'is always inside the viewport',
    (x, y) => {
      const at = placeCard(x, y, size, view);
      expect(at.left).toBeGreaterThanOrEqual(0);
      expect(at.top).toBeGreaterThanOrEqual(0);
      expect(at.left + size.width).toBeLessThanOrEqual(view.width);
      expect(at.top + size.height).toBeLessThanOrEqual(view.height);
    },
  );
});

describe('tour rows', () => {
  it('match by lane id, not label, and a prefix names a whole group', () => {
    const named = (patterns: string[]) =>
      rows.filter((r) => rowNamed(r, patterns, trace.lanes, laneMatches)).map((r) => r.key);
    expect(named(['main', 'gil', 'workers-1'])).toEqual(['main', 'gil', 'workers-1']);
    expect(rows.find((r) => r.key === 'gil')?.label).not.toBe('gil');
    expect(named(['workers-'])).toHaveLength(8);
    expect(named(['client-'])).toEqual(['group:clients']);
  });
});

describe('wait-for arrows at the deadlock', () => {
  const routes = routeEdges(rows, trace, atDeadlock.edges, atDeadlock.cycle);
  const rowY = (key: string) => rows.find((r) => r.key === key)!;

  it('the cycle is its own arrows; the workers parked at the barrier share one trunk', () => {
    const hot = routes.filter((r) => r.hot);
    expect(hot).toHaveLength(3);
    const cold = routes.filter((r) => !r.hot);
    expect(cold).toHaveLength(1);
    expect(cold[0].sources).toHaveLength(7);
    // The trunk ends at the stuck worker, the one the barrier still needs.
    const stuck = atDeadlock.cycle!.find((n) => n.startsWith('workers-'))!;
    const target = rowY(stuck);
    expect(cold[0].y1).toBeGreaterThan(target.y);
    expect(cold[0].y1).toBeLessThan(target.y + target.height);
  });

  it('arrows of one column never overlap, and the cycle is nearest the cursor', () => {
    for (const a of routes)
      for (const b of routes) {
        if (a === b || a.col !== b.col) continue;
        const [a0, a1] = [Math.min(a.y0, a.y1), Math.max(a.y0, a.y1)];
        const [b0, b1] = [Math.min(b.y0, b.y1), Math.max(b.y0, b.y1)];
        expect(a1 <= b0 || b1 <= a0).toBe(true);
      }
    expect(routes.filter((r) => r.hot).some((r) => r.col === 0)).toBe(true);
    expect(Math.max(...routes.map((r) => r.col))).toBeLessThanOrEqual(2);
  });

  it('columns go right of the cursor, or left of it at the right edge', () => {
    expect(columnXs(routes, 100, 800).every((x) => x > 100)).toBe(true);
    expect(columnXs(routes, 795, 800).every((x) => x < 795)).toBe(true);
  });

  it('a label the arrows cross moves beside them, within its span', () => {
    const w1 = rowY('workers-2');
    const xs = columnXs(routes, 300, 1000);
    const label: DrawnLabel = {
      x: 290,
      y: w1.y + w1.height / 2,
      w: 110,
      text: 'pthread_barrier_wait',
      full: 'pthread_barrier_wait',
      x0: 286,
      x1: 1000,
      fill: '#8e44ad',
      color: '#ffffff',
    };
    const band = bandOver(label, routes, xs)!;
    expect(band).not.toBeNull();
    const fit = (text: string, room: number) => (room >= text.length * 6 ? text : null);
    const to = relocate(label, band, fit)!;
    expect(to.text).toBe('pthread_barrier_wait');
    expect(to.x).toBeGreaterThan(Math.max(...xs));
    // A label clear of every column stays put.
    expect(bandOver({ ...label, x: 600, x0: 596 }, routes, xs)).toBeNull();
    // No room on either side: it stays where it was (drawn over the arrows on a halo).
    expect(relocate({ ...label, x1: band[1] + 10 }, band, fit)).toBeNull();
  });
});
