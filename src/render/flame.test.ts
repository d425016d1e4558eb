import { describe, expect, it } from 'vitest';
import { test, fc } from '@fast-check/vitest';
/** Kind codes of the hand-built traces. */
const SPAN_KINDS = [
  'idle',
  'running',
  'holdGil',
  'waitGil',
  'barrier',
  'spinning',
  'waitChannel',
  'waitReply',
  'exited',
];
import type { SpanKind } from '../engine/types';
import {
  buildProfile,
  countNodes,
  flameAt,
  flameStep,
  foldedStacks,
  layoutFlame,
  pathTo,
  resolvePath,
  type FlameNode,
  type StackTrace,
} from './flame';
import { DEFAULT_FLAME_COLORS, fitLabel, paintFlame } from './flamePainter';

interface Span {
  start: number;
  end: number;
  kind?: SpanKind;
  /** Innermost first. */
  stack: string[];
}

/** A trace from per-lane span lists (sorted, non-overlapping), stacks interned as the engine would. */
function traceOf(lanes: Record<string, Span[]>, endT?: number): StackTrace {
  const ids = Object.keys(lanes);
  const all = ids.flatMap((id) => lanes[id]);
  const stacks: string[][] = [];
  const index = new Map<string, number>();
  const spanStack = Uint32Array.from(all, (s) => {
    const key = s.stack.join('\0');
    let i = index.get(key);
    if (i === undefined) {
      i = stacks.length;
      stacks.push(s.stack);
      index.set(key, i);
    }
    return i;
  });
  const offsets = new Uint32Array(ids.length + 1);
  ids.forEach((id, i) => (offsets[i + 1] = offsets[i] + lanes[id].length));
  return {
    lanes: ids,
    offsets,
    start: Float64Array.from(all, (s) => s.start),
    end: Float64Array.from(all, (s) => s.end),
    kind: Uint8Array.from(all, (s) => SPAN_KINDS.indexOf(s.kind ?? 'running')),
    kinds: SPAN_KINDS,
    endT: endT ?? Math.max(0, ...all.map((s) => s.end)),
    spanStack,
    stacks,
  };
}

const LOOP = ['aeProcessEvents', 'aeMain', 'main'];
const small = traceOf({
  main: [
    { start: 0, end: 2, kind: 'idle', stack: ['epoll_wait', 'aeApiPoll', ...LOOP] },
    { start: 2, end: 2.5, stack: ['moduleAcquireGIL', 'afterSleep', ...LOOP] },
    { start: 2.5, end: 3.75, kind: 'holdGil', stack: ['pingCommand', 'call', 'processCommand', ...LOOP] },
    { start: 3.75, end: 4, stack: LOOP },
    { start: 4, end: 10, kind: 'spinning', stack: ['usleep', 'workersThreadPool_SetNumWorkers', ...LOOP] },
  ],
  'workers-1': [{ start: 0, end: 10, kind: 'idle', stack: ['pthread_cond_wait', 'thread_do'] }],
});

const child = (n: FlameNode, name: string) => n.children.find((c) => c.name === name)!;
const sum = (ns: readonly FlameNode[]) => ns.reduce((a, c) => a + c.total, 0);

describe('buildProfile', () => {
  it('roots the tree at the thread and adds up to its time', () => {
    const p = buildProfile(small, { lane: 'main' });
    expect(p.name).toBe('main');
    expect(p.total).toBe(10);
    expect(p.self).toBe(0);
    const main = child(p, 'main');
    expect(main.total).toBe(10);
    const ae = child(child(main, 'aeMain'), 'aeProcessEvents');
    expect(ae.total).toBe(10);
    expect(ae.self).toBe(0.25);
    expect(ae.children.map((c) => c.name)).toEqual([
      'aeApiPoll',
      'afterSleep',
      'processCommand',
      'workersThreadPool_SetNumWorkers',
    ]);
    expect(child(ae, 'workersThreadPool_SetNumWorkers').total).toBe(6);
  });

  it('clips spans to the window', () => {
    const p = buildProfile(small, { lane: 'main', t0: 1, t1: 5 });
    expect(p.total).toBe(4);
    const ae = child(child(child(p, 'main'), 'aeMain'), 'aeProcessEvents');
    expect(child(ae, 'aeApiPoll').total).toBe(1);
    expect(child(ae, 'workersThreadPool_SetNumWorkers').total).toBe(1);
    // A window inside one span is all that span's stack.
    const inside = buildProfile(small, { lane: 'main', t0: 5, t1: 7 });
    expect(inside.total).toBe(2);
    expect(foldedStacks(inside)).toBe('main;aeMain;aeProcessEvents;workersThreadPool_SetNumWorkers;usleep 2000\n');
  });

  it('counts only the kinds asked for, and nothing for an unknown lane or an empty window', () => {
    expect(buildProfile(small, { lane: 'main', kinds: ['running', 'holdGil'] }).total).toBe(2);
    expect(buildProfile(small, { lane: 'nope' })).toEqual({ name: 'nope', self: 0, total: 0, children: [] });
    expect(buildProfile(small, { lane: 'main', t0: 3, t1: 3 }).total).toBe(0);
  });

  it('keeps lanes apart, and puts time with no frames on the thread itself', () => {
    const w = buildProfile(small, { lane: 'workers-1' });
    expect(w.total).toBe(10);
    expect(w.children.map((c) => c.name)).toEqual(['thread_do']);
    const bare = buildProfile(traceOf({ t: [{ start: 0, end: 3, stack: [] }] }), { lane: 't' });
    expect(bare).toEqual({ name: 't', self: 3, total: 3, children: [] });
    expect(foldedStacks(bare)).toBe('t 3000\n');
  });

  it('takes an endless run whose last span is very long as time on that stack', () => {
    const p = buildProfile(
      traceOf({
        main: [
          { start: 0, end: 1, stack: ['a'] },
          { start: 1, end: 28_800_000, stack: ['spin', 'a'] },
        ],
      }),
      { lane: 'main' },
    );
    expect(p.total).toBe(28_800_000);
    expect(child(child(p, 'a'), 'spin').total).toBe(28_799_999);
  });

  it('builds a profile of a million spans', () => {
    const n = 1_000_000;
    const stacks = Array.from({ length: 200 }, (_, i) => [`leaf${i % 17}`, `mid${i % 5}`, 'aeMain', 'main']);
    const start = new Float64Array(n);
    const end = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      start[i] = i * 0.01;
      end[i] = i * 0.01 + 0.008;
    }
    const trace: StackTrace = {
      lanes: ['main'],
      offsets: Uint32Array.of(0, n),
      start,
      end,
      kind: new Uint8Array(n).fill(1),
      kinds: SPAN_KINDS,
      endT: n * 0.01,
      spanStack: Uint32Array.from({ length: n }, (_, i) => (i * 7919) % stacks.length),
      stacks,
    };
    const p = buildProfile(trace, { lane: 'main' });
    expect(p.total).toBeCloseTo(n * 0.008, 3);
  });
});

describe('foldedStacks', () => {
  it('writes one line per stack with time of its own, outermost first, in microseconds', () => {
    const p = buildProfile(small, { lane: 'main' });
    expect(foldedStacks(p)).toBe(
      [
        'main;aeMain;aeProcessEvents 250',
        'main;aeMain;aeProcessEvents;aeApiPoll;epoll_wait 2000',
        'main;aeMain;aeProcessEvents;afterSleep;moduleAcquireGIL 500',
        'main;aeMain;aeProcessEvents;processCommand;call;pingCommand 1250',
        'main;aeMain;aeProcessEvents;workersThreadPool_SetNumWorkers;usleep 6000',
        '',
      ].join('\n'),
    );
    expect(foldedStacks(buildProfile(small, { lane: 'workers-1' }), { includeThread: true })).toBe(
      'workers-1;thread_do;pthread_cond_wait 10000\n',
    );
  });

  it('keeps separators out of frame names and has no lines for an empty profile', () => {
    const p = buildProfile(traceOf({ t: [{ start: 0, end: 1, stack: ['a;b', 'x\ny'] }] }), { lane: 't' });
    expect(foldedStacks(p)).toBe('x_y;a_b 1000\n');
    expect(foldedStacks(buildProfile(small, { lane: 'nope' }))).toBe('');
  });
});

describe('layoutFlame', () => {
  const p = buildProfile(small, { lane: 'main' });

  it('gives widths proportional to time, children left to right inside their parent', () => {
    const l = layoutFlame(p, 1000, 18);
    expect(l.rects[0]).toMatchObject({ x: 0, w: 1000, depth: 0, node: p });
    const byName = new Map(l.rects.map((r) => [r.node.name, r]));
    expect(byName.get('workersThreadPool_SetNumWorkers')!.w).toBeCloseTo(600);
    expect(byName.get('aeApiPoll')!).toMatchObject({ x: 0, w: 200, depth: 4 });
    expect(byName.get('afterSleep')!.x).toBeCloseTo(200);
    expect(byName.get('pingCommand')!.depth).toBe(6);
    expect(l.depth).toBe(7);
    expect(l.dropped).toBe(0);
    expect(l.rects.length).toBe(countNodes(p));
  });

  it('drops frames narrower than the cut-off with their subtrees, and counts them', () => {
    // At 40 px, afterSleep (0.5 ms of 10) is 2 px; at 9 px it is 0.45 px and goes with its one child.
    expect(layoutFlame(p, 40, 18).dropped).toBe(0);
    const l = layoutFlame(p, 9, 18);
    expect(l.rects.some((r) => r.node.name === 'afterSleep')).toBe(false);
    expect(l.dropped).toBe(2);
    expect(l.rects.length + l.dropped).toBe(countNodes(p));
  });

  it('lays out a zoomed frame across the full width, and finds frames by position and by key', () => {
    const path = resolvePath(p, ['main', 'aeMain', 'aeProcessEvents', 'processCommand']);
    expect(path.map((n) => n.name)).toEqual(['main', 'main', 'aeMain', 'aeProcessEvents', 'processCommand']);
    expect(pathTo(p, path[4])).toEqual(path);
    const l = layoutFlame(path[4], 500, 18);
    expect(l.rects.map((r) => [r.node.name, r.w])).toEqual([
      ['processCommand', 500],
      ['call', 500],
      ['pingCommand', 500],
    ]);
    expect(flameAt(l, 250, 20)).toBe(1);
    expect(flameAt(l, 250, 18 * 3 + 1)).toBe(-1);
    expect(flameStep(l, 0, 'down')).toBe(1);
    expect(flameStep(l, 2, 'up')).toBe(1);
    expect(flameStep(l, 1, 'left')).toBe(1);
    const full = layoutFlame(p, 1000, 18);
    const ae = full.rects.findIndex((r) => r.node.name === 'aeApiPoll');
    expect(full.rects[flameStep(full, ae, 'right')].node.name).toBe('afterSleep');
    expect(flameStep(full, flameStep(full, ae, 'right'), 'left')).toBe(ae);
  });
});

/** A random tree of spans for one lane. */
const arbSpans = fc
  .array(
    fc.record({
      gap: fc.double({ min: 0, max: 5, noNaN: true }),
      len: fc.double({ min: 0, max: 20, noNaN: true }),
      stack: fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 5 }),
      kind: fc.constantFrom(...SPAN_KINDS),
    }),
    { maxLength: 60 },
  )
  .map((xs) => {
    let t = 0;
    return xs.map((x) => {
      const start = t + x.gap;
      t = start + x.len;
      return { start, end: t, stack: x.stack, kind: x.kind };
    });
  });

function check(n: FlameNode): void {
  const children = sum(n.children);
  const eps = 1e-9 * Math.max(1, n.total);
  expect(children).toBeLessThanOrEqual(n.total + eps);
  expect(Math.abs(n.self - (n.total - children))).toBeLessThanOrEqual(eps);
  expect(n.self).toBeGreaterThanOrEqual(0);
  n.children.forEach(check);
}

describe('profile properties', () => {
  test.prop([arbSpans, fc.double({ min: -5, max: 400, noNaN: true }), fc.double({ min: 0, max: 400, noNaN: true })])(
    'children never exceed their parent, self is total minus children, the root is the time in the window',
    (spans, a, len) => {
      const t0 = a;
      const t1 = a + len;
      const p = buildProfile(traceOf({ t: spans }, 1000), { lane: 't', t0, t1 });
      check(p);
      const inWindow = spans.reduce((s, x) => s + Math.max(0, Math.min(x.end, t1) - Math.max(x.start, t0)), 0);
      expect(p.total).toBeCloseTo(inWindow, 6);
      const l = layoutFlame(p, 800, 18);
      expect(l.rects.length + l.dropped).toBe(countNodes(p));
      for (const r of l.rects) expect(r.w).toBeGreaterThanOrEqual(0.5);
    },
  );
});

describe('paintFlame', () => {
  it('draws each frame once and names only those wide enough', () => {
    const fills: string[] = [];
    let texts = 0;
    let strokes = 0;
    const ctx = {
      fillStyle: '',
      strokeStyle: '',
      lineWidth: 1,
      font: '',
      textBaseline: '',
      setTransform: () => {},
      clearRect: () => {},
      fillRect(this: { fillStyle: string }) {
        fills.push(this.fillStyle);
      },
      fillText: () => texts++,
      strokeRect: () => strokes++,
      measureText: (s: string) => ({ width: s.length * 6 }),
    } as unknown as CanvasRenderingContext2D;
    const p = buildProfile(small, { lane: 'main' });
    const l = layoutFlame(p, 300, 18);
    paintFlame(ctx, l, { width: 300, height: l.depth * 18, dpr: 2 }, DEFAULT_FLAME_COLORS, l.rects[3].node);
    expect(fills.length).toBe(l.rects.length);
    expect(fills.every((f) => DEFAULT_FLAME_COLORS.fills.includes(f))).toBe(true);
    expect(texts).toBeGreaterThan(0);
    expect(texts).toBeLessThan(l.rects.length);
    expect(strokes).toBe(1);
    expect(fitLabel(ctx, 'workersThreadPool_SetNumWorkers', 60)).toBe('workersTh…');
    expect(fitLabel(ctx, 'workersThreadPool_SetNumWorkers', 20)).toBeNull();
  });
});

describe('a thread that loops forever', () => {
  it('has the time of its frozen last span spread over the stacks of one turn', () => {
    const trace = traceOf({
      main: [
        { start: 0, end: 1, stack: ['listNext', 'walk'] },
        { start: 1, end: 4, stack: ['unblock', 'walk'] },
        { start: 4, end: 104, stack: ['unblock', 'walk'] },
      ],
    });
    const p = buildProfile(trace, { lane: 'main', loop: { t0: 0, t1: 4, from: 4 } });
    expect(p.total).toBe(104);
    const walk = child(p, 'walk');
    expect(child(walk, 'listNext').total).toBeCloseTo(1 + 100 / 4, 9);
    expect(child(walk, 'unblock').total).toBeCloseTo(3 + (100 * 3) / 4, 9);
  });
});
