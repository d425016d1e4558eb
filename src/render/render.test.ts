import { describe, expect, it } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { packTrace } from '../engine/packed';
import { runScenario } from '../incidents/mod-11658/scenario';
import { DEFAULT_CONFIG } from '../incidents/mod-11658/config';
import { loadSeries } from '../incidents/mod-11658/view';
import { info } from '../incidents/mod-11658/info';
import {
  buildRows,
  GIL_OWNER,
  gilIntervals,
  ownerClassBy,
  laneRects,
  rowAt,
  spanAt,
  stepAtTime,
  upperBound,
  type Viewport,
} from './geometry';
import { paintTimeline, textOn } from './timelinePainter';
import { edgeArrows, paintOverlay } from './overlayPainter';
import { readPalette } from './palette';
import { Mipmap, spanMipmap } from './mipmap';
import { fateExtents, fateFill, paintFates } from './fatePainter';
import type { FateSample } from '../engine/futures';

const { sim } = runScenario({
  variant: 'prefix',
  seed: 1,
  until: 700,
  config: { ...DEFAULT_CONFIG, commands: [{ at: 500, text: 'FT.CONFIG SET WORKERS 0' }] },
});
const trace = packTrace(sim);
const index = new Map(trace.lanes.map((id, i) => [id, i]));
const ui = info.ui;
const layout = ui.lanes(trace.lanes);
const rows = buildRows(layout, index, new Set(), ui.groups, ui.locks);
const DEFAULT_PALETTE = readPalette(null, ui.spanKinds);
const ownerClass = ownerClassBy(new Set(layout.filter((l) => l.group === 'workers').map((l) => l.id)));
const quiet = new Set(ui.spanKinds.filter((k) => k.quiet).map((k) => k.id));

/** A 2D context that records what is drawn. */
function recorder() {
  const calls: { op: string; fill: string; args: number[] }[] = [];
  let fill = '';
  const ctx = {
    set fillStyle(v: string) {
      fill = v;
    },
    get fillStyle() {
      return fill;
    },
    strokeStyle: '',
    lineWidth: 1,
    font: '',
    textBaseline: '',
    setTransform: () => {},
    clearRect: () => {},
    fillRect: (...args: number[]) => calls.push({ op: 'fillRect', fill, args }),
    fillText: () => calls.push({ op: 'fillText', fill, args: [] }),
    save: () => {},
    restore: () => {},
    beginPath: () => {},
    closePath: () => {},
    rect: () => {},
    clip: () => {},
    moveTo: (...args: number[]) => calls.push({ op: 'moveTo', fill, args }),
    lineTo: () => {},
    quadraticCurveTo: () => {},
    stroke: () => calls.push({ op: 'stroke', fill, args: [] }),
    fill: () => {},
    strokeRect: () => {},
    setLineDash: () => {},
    arc: () => {},
    strokeText: () => {},
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
}

describe('geometry', () => {
  it('lanes read main, GIL, workers, then the clients group', () => {
    expect(rows.slice(0, 3).map((r) => r.key)).toEqual(['main', 'gil', 'workers-1']);
    expect(rows.find((r) => r.key === 'group:clients')?.lanes.length).toBe(20);
    expect(rowAt(rows, rows[2].y + 1)?.key).toBe('workers-1');
  });

  it('spans of a lane are sorted and never overlap', () => {
    for (let l = 0; l < trace.lanes.length; l++) {
      for (let i = trace.offsets[l] + 1; i < trace.offsets[l + 1]; i++) {
        expect(trace.start[i]).toBeGreaterThanOrEqual(trace.end[i - 1]);
      }
    }
  });

  test.prop([fc.double({ min: 0, max: 700, noNaN: true })])(
    'the cursor for a click at t is the last step at or before t',
    (t) => {
      const s = stepAtTime(trace, t);
      expect(trace.stepTimes[s]).toBeLessThanOrEqual(Math.max(t, trace.stepTimes[0]));
      if (s + 1 < trace.stepTimes.length) expect(trace.stepTimes[s + 1]).toBeGreaterThan(t);
    },
  );

  it('spanAt finds the span under a time', () => {
    const lane = index.get('main')!;
    const i = spanAt(trace, lane, 250);
    expect(trace.start[i]).toBeLessThanOrEqual(250);
    expect(trace.end[i]).toBeGreaterThan(250);
    expect(upperBound([1, 2, 2, 3], 2)).toBe(3);
  });

  test.prop([
    fc.double({ min: 0, max: 690, noNaN: true }),
    fc.double({ min: 0.001, max: 700, noNaN: true }),
    fc.integer({ min: 50, max: 2000 }),
  ])(
    'level of detail: at most one mark per pixel column for sub-pixel spans, none outside the view',
    (t0, span, width) => {
      const v: Viewport = { t0, t1: t0 + span, width };
      for (const lane of [index.get('main')!, index.get('workers-1')!]) {
        const rects = laneRects(trace, [lane], v);
        for (const r of rects) {
          expect(r.x).toBeGreaterThanOrEqual(0);
          expect(r.x + r.w).toBeLessThanOrEqual(width + 1.0001);
        }
        const narrow = rects.filter((r) => r.w <= 1);
        expect(narrow.length).toBeLessThanOrEqual(width + 1);
      }
    },
  );

  test.prop([fc.integer({ min: 0, max: 49 }), fc.constantFrom('main', 'workers-1', 'workers-5')])(
    'zoomed out, a pixel shows the kind of the span that covers most of it (Perfetto: longest wins)',
    (col, id) => {
      const lane = index.get(id)!;
      const v = { t0: 0, t1: trace.endT, width: 50 };
      const inCol = laneRects(trace, [lane], v).filter((r) => r.x <= col && r.x + r.w > col);
      const a = (col * trace.endT) / 50;
      const b = ((col + 1) * trace.endT) / 50;
      let best = -1;
      let bestOverlap = 0;
      for (let i = trace.offsets[lane]; i < trace.offsets[lane + 1]; i++) {
        const o = Math.min(b, trace.end[i]) - Math.max(a, trace.start[i]);
        if (o > bestOverlap) [best, bestOverlap] = [i, o];
      }
      if (best < 0) return;
      expect(inCol.map((r) => r.kind)).toContain(trace.kind[best]);
    },
  );
});

describe('the GIL lane', () => {
  it('covers the whole run: every moment is owned by someone or free, never both', () => {
    const parts: [number, number, number][] = [];
    gilIntervals(trace, (a, b, code) => parts.push([a, b, code]), ownerClass);
    expect(parts[0][0]).toBe(0);
    expect(parts[parts.length - 1][1]).toBeCloseTo(trace.endT, 9);
    for (let i = 1; i < parts.length; i++) expect(parts[i][0]).toBeCloseTo(parts[i - 1][1], 9);
    const owned = parts.filter((p) => p[2] !== GIL_OWNER.free).reduce((n, p) => n + p[1] - p[0], 0);
    expect(owned).toBeGreaterThan(0);
    expect(owned).toBeLessThan(trace.endT);
  });
});

describe('painters', () => {
  it('zoomed all the way out, the span layer stays within a few marks per pixel per row', () => {
    const { ctx, calls } = recorder();
    const width = 600;
    paintTimeline(
      ctx,
      { trace, rows, load: loadSeries(sim), maxInFlight: 20, quiet, ownerClass },
      { t0: 0, t1: trace.endT, width, height: 400, dpr: 1 },
      DEFAULT_PALETTE,
    );
    const rects = calls.filter((c) => c.op === 'fillRect');
    expect(rects.length).toBeLessThan(rows.length * (width + 2) * 2);
    expect(rects.some((c) => c.fill === DEFAULT_PALETTE.span.waitGil)).toBe(true);
    expect(rects.some((c) => c.fill === DEFAULT_PALETTE.span.spinning)).toBe(true);
  });

  it('the overlay draws the cursor where the time says, and the cycle through the barrier', () => {
    const { ctx, calls } = recorder();
    const v = sim.verdict!;
    const cursorT = v.at;
    paintOverlay(
      ctx,
      { trace, rows, cursorT, hover: null, markers: [], outcome: null, edges: v.edges, cycle: v.cycle },
      { t0: 0, t1: 1000, width: 1000, height: 400, dpr: 1 },
      DEFAULT_PALETTE,
    );
    const x = cursorT;
    expect(calls.some((c) => c.op === 'moveTo' && Math.abs(c.args[0] - x) < 1e-6 && c.args[1] === 0)).toBe(true);
    const arrows = edgeArrows(rows, trace, v.edges);
    const stuck = v.cycle.find((n) => n.startsWith('workers-'))!;
    expect(arrows).toContainEqual({ from: 'main', to: stuck, label: `spins on barrier ${v.cycle[1]}` });
    expect(arrows).toContainEqual({ from: stuck, to: 'gil', label: 'waits for lock' });
  });

  it('the overlay marks where the run ended badly, in view or not', () => {
    const v = sim.verdict!;
    const paint = (t0: number, t1: number) => {
      const { ctx, calls } = recorder();
      paintOverlay(
        ctx,
        {
          trace,
          rows,
          cursorT: 0,
          hover: null,
          markers: [],
          outcome: { kind: 'deadlock', at: v.at },
          edges: [],
          cycle: null,
        },
        { t0, t1, width: 1000, height: 400, dpr: 1 },
        DEFAULT_PALETTE,
      );
      return calls;
    };
    const x = ((v.at - 400) * 1000) / 200;
    const inView = paint(400, 600);
    expect(inView.some((c) => c.op === 'moveTo' && Math.abs(c.args[0] - x) < 1e-6)).toBe(true);
    expect(inView.some((c) => c.op === 'fillText' && c.fill === DEFAULT_PALETTE.cycle)).toBe(true);
    expect(paint(0, 100).some((c) => c.op === 'fillText' && c.fill === DEFAULT_PALETTE.cycle)).toBe(false);
  });

  it('labels pick a readable colour', () => {
    expect(textOn('#e8a317', DEFAULT_PALETTE)).toBe('#111827');
    expect(textOn('#1f5fbf', DEFAULT_PALETTE)).toBe('#ffffff');
  });
});

describe('mipmap', () => {
  it('at full zoom-out, reads buckets instead of spans, in the right places', () => {
    const idle = trace.kinds.indexOf('idle');
    const waitGil = trace.kinds.indexOf('waitGil');
    const m = new Mipmap(1000, (add) => {
      add(0, 400, idle);
      add(400, 700, waitGil);
      add(700, 1000, idle);
    });
    const rects = m.rects({ t0: 0, t1: 1000, width: 500 })!;
    expect(rects.length).toBe(3);
    const hit = rects.find((r) => r.kind === waitGil)!;
    expect(Math.abs(hit.x - 200)).toBeLessThanOrEqual(2);
    expect(Math.abs(hit.w - 150)).toBeLessThanOrEqual(2);
    expect(m.rects({ t0: 400, t1: 400.01, width: 500 })).toBeNull();
  });

  test.prop([fc.double({ min: 0, max: 600, noNaN: true }), fc.double({ min: 50, max: 700, noNaN: true })])(
    'a row drawn from buckets covers the same pixels as the same row drawn from spans',
    (t0, span) => {
      const lane = index.get('workers-1')!;
      const v = { t0, t1: t0 + span, width: 400 };
      const m = spanMipmap(trace, [lane]);
      const fromBuckets = m.rects(v);
      if (!fromBuckets) return;
      const covered = (rs: { x: number; w: number }[]) => {
        const px = new Uint8Array(401);
        for (const r of rs) for (let x = Math.floor(r.x); x < Math.min(401, Math.ceil(r.x + r.w)); x++) px[x] = 1;
        return px.reduce((a, b) => a + b, 0);
      };
      // Buckets quantise the lane's two ends: each may move by one bucket plus a pixel of rounding.
      const bucketPx = (m.bucketFor(v)!.ms * v.width) / (v.t1 - v.t0);
      expect(Math.abs(covered(fromBuckets) - covered(laneRects(trace, [lane], v)))).toBeLessThanOrEqual(
        2 * (Math.ceil(bucketPx) + 1),
      );
    },
  );
});

describe('the point-of-no-return strip', () => {
  const sample = (step: number, t: number, fate: FateSample['fate'], hangs = 0): FateSample => ({
    step,
    t,
    fate,
    hangs,
    crashes: 0,
    futures: 12,
    exact: false,
  });
  const samples = [
    sample(0, 10, 'impossible'),
    sample(5, 20, 'possible', 3),
    sample(9, 20, 'possible', 9),
    sample(12, 30, 'inevitable', 12),
  ];
  const surface = { t0: 0, t1: 40, width: 400, height: 10, dpr: 1 };

  it('gives each sample the stretch to the next one, in view coordinates, at least a pixel wide', () => {
    expect(fateExtents(samples, 40, surface)).toEqual([
      [100, 200],
      [200, 201],
      [200, 300],
      [300, 400],
    ]);
    expect(fateExtents(samples, 40, { ...surface, t0: 31, t1: 39 })).toEqual([null, null, null, [0, 400]]);
  });

  it('colours by fate, darker amber the more futures hang', () => {
    const p = DEFAULT_PALETTE;
    expect(fateFill(samples[0], p).color).toBe(p.fateSafe);
    expect(fateFill(samples[3], p).color).toBe(p.cycle);
    expect(fateFill(samples[1], p).color).toBe(p.fateSome);
    expect(fateFill(samples[2], p).alpha).toBeGreaterThan(fateFill(samples[1], p).alpha);
  });

  it('paints one rectangle per visible sample and nothing before the first', () => {
    const { ctx, calls } = recorder();
    paintFates(ctx, samples, 40, surface, DEFAULT_PALETTE);
    const rects = calls.filter((c) => c.op === 'fillRect');
    expect(rects.map((r) => r.args[0])).toEqual([100, 200, 200, 300]);
    expect(rects.map((r) => r.fill)).toEqual([
      DEFAULT_PALETTE.fateSafe,
      DEFAULT_PALETTE.fateSome,
      DEFAULT_PALETTE.fateSome,
      DEFAULT_PALETTE.cycle,
    ]);
  });
});
