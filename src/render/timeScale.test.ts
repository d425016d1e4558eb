import { describe, expect, it } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { BAND_PX, TimeScale, type Gap } from './timeScale';
import { axisTime, durationWords, findGaps, gapLabel } from './gaps';
import { packTrace, type PackedTrace } from '../engine/packed';
import { runScenario } from '../incidents/mod-11658/scenario';
import { DEFAULT_CONFIG } from '../incidents/mod-11658/config';
import { laneLayout } from '../incidents/mod-11658/lanes';
import { paintGaps } from './gapPainter';
import { paintTimeline } from './timelinePainter';
import { readPalette } from './palette';
import { Mipmap } from './mipmap';
import { fillColumns } from './raster';

// An 8-hour hang's shape: half a second of work, then hours of nothing (ms).
const END = 8 * 3_600_000;
const GAP: Gap = { t0: 520, t1: END - 20 };
const WIDTH = 1000;
const hung = TimeScale.create(END, [GAP], WIDTH);
const PALETTE = readPalette(null);

/** Scales at many zooms and pans, from the fitted one, by the moves a user makes. */
const moves = fc.array(
  fc.oneof(
    fc.record({
      zoom: fc.double({ min: 0.2, max: 8, noNaN: true }),
      at: fc.double({ min: 0, max: WIDTH, noNaN: true }),
    }),
    fc.record({ pan: fc.double({ min: -3000, max: 3000, noNaN: true }) }),
  ),
  { maxLength: 40 },
);
const after = (ms: ReturnType<typeof moves.generate>['value']) =>
  ms.reduce((s, m) => ('zoom' in m ? s.zoomAt(m.zoom, m.at) : s.panBy(m.pan)), hung);

describe('TimeScale', () => {
  it('fitted, shows the whole run with the gap as a narrow band', () => {
    expect(hung.t0).toBeCloseTo(0, 9);
    expect(hung.t1).toBeCloseTo(END, 3);
    expect(hung.fitted).toBe(true);
    const [band] = hung.bands();
    expect(band.x1 - band.x0).toBeCloseTo(BAND_PX, 6);
    // Outside the gap it is linear, at the same pixels per ms on both sides.
    const left = hung.x(100) - hung.x(0);
    const right = hung.x(END) - hung.x(END - 10);
    expect(left / 100).toBeCloseTo(right / 10, 6);
  });

  test.prop([moves, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })])(
    'is monotonic at every zoom and pan',
    (ms, a, b) => {
      const s = after(ms);
      const [ta, tb] = [a * END, b * END].sort((x, y) => x - y);
      expect(s.x(tb)).toBeGreaterThanOrEqual(s.x(ta));
    },
  );

  test.prop([moves, fc.double({ min: -200, max: 1200, noNaN: true })])('t(x) inverts x(t)', (ms, x) => {
    const s = after(ms);
    const t = s.t(x);
    expect(s.x(t)).toBeCloseTo(x, 4);
  });

  test.prop([moves, fc.double({ min: 0, max: END, noNaN: true })])('x(t) round-trips through t(x)', (ms, t) => {
    const s = after(ms);
    // Relative to the time's own scale: inside a compressed gap a pixel is many ms.
    const msPerPx = Math.abs(s.t(s.x(t) + 1) - t);
    expect(Math.abs(s.t(s.x(t)) - t)).toBeLessThanOrEqual(1e-6 * Math.max(1, msPerPx));
  });

  test.prop([moves, fc.double({ min: 1.01, max: 4, noNaN: true }), fc.double({ min: 0, max: WIDTH, noNaN: true })])(
    'zooming keeps the time under the pointer, and the run stays in view',
    (ms, f, at) => {
      const s = after(ms);
      const z = s.zoomAt(f, at);
      if (z.rho > s.rho) expect(z.x(s.t(at))).toBeCloseTo(at, 3);
      expect(z.t0).toBeGreaterThanOrEqual(-1e-6);
      expect(z.t1).toBeLessThanOrEqual(END * (1 + 1e-9));
    },
  );

  test.prop([fc.double({ min: 0, max: END - 1, noNaN: true }), fc.double({ min: 0.01, max: END, noNaN: true })])(
    'a window asked for is the window shown, within the zoom limits',
    (t0, span) => {
      const t1 = Math.min(END, t0 + span);
      const s = hung.window(t0, t1);
      expect(s.t0).toBeCloseTo(t0, 3);
      expect(Math.abs(s.t1 - t1)).toBeLessThan(1e-6 * END);
    },
  );

  it('relaxes a gap zoomed into until it is drawn at true scale', () => {
    const mid = (GAP.t0 + GAP.t1) / 2;
    let s = hung.window(mid - 10, mid + 10);
    // 20 ms inside the gap across the whole width: linear there, a ms is 50 px.
    expect(s.x(mid + 1) - s.x(mid)).toBeCloseTo(50, 3);
    // Between, zooming in only ever opens the gap further.
    let band = hung.bands()[0];
    for (let i = 0; i < 60; i++) {
      s = hung.zoomAt(1.4 ** i, hung.x(mid));
      const b = s.bands()[0];
      expect(b.x1 - b.x0).toBeGreaterThanOrEqual(band.x1 - band.x0 - 1e-6);
      band = b;
    }
  });

  it('until a band fills the view, it widens with the zoom: crossing it costs that share of dragging', () => {
    const z = hung.zoomAt(4, hung.x(GAP.t0));
    const [b] = z.bands();
    expect(b.x1 - b.x0).toBeCloseTo(4 * BAND_PX, 6);
    expect(z.t(b.x1)).toBeCloseTo(GAP.t1, 3);
    expect(z.t(b.x0)).toBeCloseTo(GAP.t0, 3);
  });

  it('pieces are linear, adjacent and cover the width; ticks avoid a narrow band', () => {
    const ps = hung.pieces();
    expect(ps.map((p) => p.gap)).toEqual([-1, 0, -1]);
    expect(ps[0].x0).toBe(0);
    for (let i = 1; i < ps.length; i++) expect(ps[i].x0).toBeCloseTo(ps[i - 1].x0 + ps[i - 1].width, 6);
    const last = ps[ps.length - 1];
    expect(last.x0 + last.width).toBeCloseTo(WIDTH, 6);
    for (const t of hung.ticks(110)) expect(t <= GAP.t0 || t >= GAP.t1).toBe(true);
  });

  it('without gaps is plain linear', () => {
    const s = TimeScale.create(1000, [], 500).window(200, 400);
    expect(s.x(300)).toBeCloseTo(250, 9);
    expect(TimeScale.linear(0, 100, 200).x(25)).toBe(50);
  });
});

/** A trace with the given spans per lane: [start, end] pairs, in order. */
function traceOf(endT: number, lanes: [number, number][][], handoffs: number[] = []): PackedTrace {
  const spans = lanes.flat();
  const offsets = new Uint32Array(lanes.length + 1);
  lanes.forEach((l, i) => (offsets[i + 1] = offsets[i] + l.length));
  return {
    endT,
    lanes: lanes.map((_, i) => `lane-${i}`),
    offsets,
    start: Float64Array.from(spans, (s) => s[0]),
    end: Float64Array.from(spans, (s) => s[1]),
    handoffs: { t: Float64Array.from(handoffs) },
  } as unknown as PackedTrace;
}

describe('findGaps', () => {
  it('finds the stretch where no server lane opens or closes a span, outside lanes aside', () => {
    const t = traceOf(100_000, [
      [
        [0, 100],
        [100, 200],
        [200, 100_000],
      ],
      [
        [0, 150],
        [150, 100_000],
      ],
      // An outside lane: a PING timing out every second does not break the gap.
      Array.from({ length: 99 }, (_, i) => [i * 1000, i * 1000 + 999] as [number, number]),
    ]);
    const [g, ...more] = findGaps(t, [0, 1]);
    expect(more).toEqual([]);
    expect(g.t0).toBeGreaterThan(200);
    expect(g.t0).toBeLessThan(220);
    expect(g.t1).toBeGreaterThan(99_980);
    expect(findGaps(t, [0, 1, 2])).toEqual([]);
  });

  it('a lock changing hands breaks a gap; short or relatively short stretches are not gaps', () => {
    const lanes: [number, number][][] = [[[0, 100_000]]];
    expect(findGaps(traceOf(100_000, lanes, [50_000]), [0])).toHaveLength(2);
    const every5s = Array.from({ length: 19 }, (_, i) => (i + 1) * 5_000);
    expect(findGaps(traceOf(100_000, lanes, every5s), [0])).toHaveLength(0);
    expect(findGaps(traceOf(5_000, [[[0, 10]]]), [0])).toEqual([]);
    // 30 s quiet after 40 s of work is not long relative to the rest.
    const busy = Array.from({ length: 400 }, (_, i) => [i * 100, i * 100 + 100] as [number, number]);
    expect(findGaps(traceOf(70_000, [[...busy, [40_000, 70_000]]]), [0])).toEqual([]);
  });

  test.prop([
    fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), {
      maxLength: 30,
    }),
  ])('no server span opens or closes inside a gap', (raw) => {
    const endT = 1_000_000;
    const cuts = raw.flat().map((x) => x * endT);
    cuts.sort((a, b) => a - b);
    const spans: [number, number][] = [];
    for (let i = 0; i + 1 < cuts.length; i += 2) spans.push([cuts[i], cuts[i + 1]]);
    const t = traceOf(endT, [spans]);
    for (const g of findGaps(t, [0]))
      for (const [a, b] of spans) {
        expect(a <= g.t0 || a >= g.t1).toBe(true);
        expect(b <= g.t0 || b >= g.t1 || b === endT).toBe(true);
      }
  });

  it('on a real hung run: one gap from just after the hang to the end, its length in words', () => {
    const { sim } = runScenario({
      variant: 'prefix',
      seed: 1,
      until: 60_000,
      // The late PING keeps the run going (a hang, proved, would end it).
      config: {
        ...DEFAULT_CONFIG,
        commands: [
          { at: 500, text: 'FT.CONFIG SET WORKERS 0' },
          { at: 59_000, text: 'PING' },
        ],
      },
    });
    const trace = packTrace(sim);
    const outside = new Set(['clients', 'operator']);
    const server = laneLayout(trace.lanes)
      .filter((l) => !outside.has(l.group))
      .map((l) => trace.lanes.indexOf(l.id))
      .filter((i) => i >= 0);
    const gaps = findGaps(trace, server);
    expect(gaps).toHaveLength(1);
    expect(gaps[0].t0).toBeGreaterThan(500);
    expect(gaps[0].t0).toBeLessThan(600);
    expect(gaps[0].t1).toBeGreaterThan(trace.endT - 100);
    // The PING lane waits for its reply through the whole gap.
    const ping = trace.lanes.indexOf('ping');
    const last = trace.offsets[ping + 1] - 1;
    expect(trace.start[last]).toBeLessThan(gaps[0].t0);
    expect(trace.end[last]).toBe(trace.endT);
    expect(gapLabel(gaps[0])).toMatch(/^\d+ s, nothing in the server moved$/);
  });

  it('says long durations and axis times in hours and minutes', () => {
    expect(durationWords(7 * 3_600_000 + 42 * 60_000 + 10_000)).toBe('7 h 42 min');
    expect(durationWords(200_000)).toBe('3 min 20 s');
    expect(axisTime(28_000_000.25)).toBe('7 h 46 min 40.0003 s');
    expect(axisTime(1500)).toBe('1.5 s');
  });
});

describe('painting a gap', () => {
  /** A 2D context that records rectangles, text and the zig-zags' points. */
  function recorder() {
    const calls: { op: string; args: unknown[] }[] = [];
    const rec =
      (op: string) =>
      (...args: unknown[]) =>
        calls.push({ op, args });
    const ctx = new Proxy(
      { measureText: (t: string) => ({ width: t.length * 6 }) },
      {
        get: (target, k: string) => (k in target ? target[k as 'measureText'] : rec(k)),
        set: () => true,
      },
    );
    return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
  }

  it('marks each band with zig-zag edges and says what it is', () => {
    const { ctx, calls } = recorder();
    paintGaps(ctx, hung.bands(), { width: WIDTH, height: 300 }, PALETTE);
    const [band] = hung.bands();
    const text = calls.filter((c) => c.op === 'fillText').map((c) => c.args[0]);
    expect(text).toEqual([gapLabel(GAP)]);
    // Rotated along a narrow band.
    expect(calls.some((c) => c.op === 'rotate')).toBe(true);
    for (const x of [band.x0, band.x1])
      expect(calls.some((c) => c.op === 'moveTo' && c.args[0] === x && c.args[1] === 0)).toBe(true);
  });

  it('the span layer draws a span crossing the gap on both sides of the band and through it', () => {
    const t = traceOf(END, [[[100, END - 5]]]);
    (t as { kinds: string[] }).kinds = ['waitReply'];
    (t as { kind: Uint8Array }).kind = new Uint8Array(1);
    (t as { strings: string[] }).strings = ['x'];
    (t as { fn: Uint16Array }).fn = new Uint16Array(1);
    const rows = [
      { key: 'ping', label: 'ping', kind: 'lane' as const, group: 'operator', lanes: [0], y: 0, height: 22 },
    ];
    const { ctx, calls } = recorder();
    const s = hung.window(0, END);
    paintTimeline(
      ctx,
      {
        trace: t,
        rows,
        load: { t: [], n: [], sentSteps: [], completedSteps: [], pings: [] },
        maxInFlight: 1,
        quiet: new Set(['waitReply']),
        ownerClass: () => 0,
      },
      { t0: s.t0, t1: s.t1, width: WIDTH, height: 22, dpr: 1, scale: s },
      PALETTE,
    );
    const rects = calls
      .filter((c) => c.op === 'fillRect' && c.args[1] === 3 && c.args[3] === 16)
      .map((c) => c.args as number[]);
    const [band] = s.bands();
    // Left of the band, in it, right of it: abutting, so the span reads as one.
    expect(rects).toHaveLength(3);
    expect(rects[0][0] + rects[0][2]).toBeCloseTo(band.x0, 6);
    expect(rects[1][0]).toBeCloseTo(band.x0, 6);
    expect(rects[1][0] + rects[1][2]).toBeCloseTo(band.x1, 6);
    expect(rects[2][0]).toBeCloseTo(band.x1, 6);
  });
});

describe('pyramids', () => {
  it('built one after another share their scratch weights and still keep each longest contribution', () => {
    const a = new Mipmap(1000, (add) => {
      add(0, 600, 1);
      add(600, 1000, 2);
    });
    const b = new Mipmap(1000, (add) => add(0, 1000, 3));
    const one = { t0: 0, t1: 1000, width: 1 };
    expect(a.rects(one)!.map((r) => r.kind)).toEqual([1]);
    expect(b.rects(one)!.map((r) => r.kind)).toEqual([3]);
    const quarters = a.rects({ t0: 0, t1: 1000, width: 4 })!;
    expect(quarters[0].kind).toBe(1);
    expect(quarters[quarters.length - 1].kind).toBe(2);
  });

  it('rows of pixels: a span fills its device columns, at least one', () => {
    const buf = new Uint32Array(2 * 10);
    fillColumns(buf, 10, 1, 2.2, 4.6, 2, 7);
    expect([...buf.slice(10)]).toEqual([0, 0, 0, 0, 7, 7, 7, 7, 7, 0]);
    fillColumns(buf, 10, 0, 3.01, 3.02, 1, 9);
    expect(buf[3]).toBe(9);
    fillColumns(buf, 10, 0, 8, 20, 1, 5);
    expect([...buf.slice(0, 10)]).toEqual([0, 0, 0, 9, 0, 0, 0, 0, 5, 5]);
  });
});
