import { describe, expect, it } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { describeList, layoutList, LIST_DIMS, LIST_STATES, type ListStructure } from './structures';

const walk: ListStructure = {
  id: 'blocking_keys[tasks_queue]',
  title: 'Clients blocked on tasks_queue',
  nodes: [
    { id: 'a', label: 'A', state: 'served' },
    { id: 'b', label: 'B′', state: 'unlinked' },
    { id: 'c', label: 'C', state: 'waiting' },
    { id: 'd', label: 'D', state: 'waiting' },
  ],
  pointers: [
    { name: 'current', node: 'b' },
    { name: 'next', node: 'c' },
  ],
  caption: 'B was unlinked; next was saved as C.',
};

describe('layoutList', () => {
  const l = layoutList(walk);

  it('puts nodes in slots left to right, NULL after the last, and an unlinked node below the row', () => {
    const xs = l.nodes.map((n) => n.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    const step = l.nodes[1].x - l.nodes[0].x;
    expect(step).toBe(l.nodes[0].w + LIST_DIMS.gap);
    expect(l.nil.x).toBe(l.nodes[3].x + step);
    expect(l.nodes[1].y).toBe(l.nodes[0].y + LIST_DIMS.drop);
    expect(l.width).toBe(l.nil.x + l.nil.w + LIST_DIMS.pad);
    expect(l.height).toBeGreaterThanOrEqual(l.nodes[1].y + l.nodes[1].h);
  });

  it('links the chain past an unlinked node and ends at NULL', () => {
    expect(l.links.map((a) => a.key)).toEqual(['a->c', 'c->d', 'd->NULL']);
    const [ac, , dn] = l.links;
    expect(ac.x1).toBe(l.nodes[0].x + l.nodes[0].w);
    expect(ac.x2).toBe(l.nodes[2].x);
    expect(dn.x2).toBe(l.nil.x);
    for (const a of l.links) expect(a.x2).toBeGreaterThan(a.x1);
  });

  it('points current and next down at their nodes, and a null pointer at NULL', () => {
    const [cur, next] = l.pointers;
    expect(cur).toMatchObject({ name: 'current', target: 'b', x1: l.nodes[1].x + l.nodes[1].w / 2 });
    expect(cur.y2).toBe(l.nodes[1].y - 3);
    expect(next.x1).toBe(l.nodes[2].x + l.nodes[2].w / 2);
    expect(next.y2).toBeLessThan(cur.y2);
    const end = layoutList({ ...walk, pointers: [{ name: 'current', node: null }] });
    expect(end.pointers[0].x1).toBe(end.nil.x + end.nil.w / 2);
  });

  it('sets two pointers at one node side by side, and skips a pointer at a node not in the list', () => {
    const both = layoutList({
      ...walk,
      pointers: [
        { name: 'current', node: 'c' },
        { name: 'next', node: 'c' },
      ],
    });
    const c = both.nodes[2];
    const [p, q] = both.pointers;
    expect(p.x1).toBeLessThan(q.x1);
    expect((p.x1 + q.x1) / 2).toBe(c.x + c.w / 2);
    expect(p.x1).toBeGreaterThan(c.x);
    expect(q.x1).toBeLessThan(c.x + c.w);
    expect(layoutList({ ...walk, pointers: [{ name: 'next', node: 'zz' }] }).pointers).toEqual([]);
  });

  it('widens every node for a long label, so a node keeps its size when it moves', () => {
    const wide = layoutList({
      ...walk,
      nodes: [...walk.nodes, { id: 'e', label: 'client#1234567', state: 'appended' }],
    });
    expect(new Set(wide.nodes.map((n) => n.w)).size).toBe(1);
    expect(wide.nodes[0].w).toBeGreaterThan(l.nodes[0].w);
  });

  it('lays out an empty list as NULL alone', () => {
    const e = layoutList({ id: 'x', title: 'x', nodes: [], pointers: [{ name: 'current', node: null }] });
    expect(e.links).toEqual([]);
    expect(e.nil.x).toBe(LIST_DIMS.pad);
    expect(e.pointers).toHaveLength(1);
  });
});

describe('describeList', () => {
  it('reads the list in order with pointers and states, ending at NULL', () => {
    expect(describeList(walk)).toEqual([
      'A (served)',
      'B′ (current, unlinked, out of the list)',
      'C (next)',
      'D',
      'NULL',
    ]);
    expect(
      describeList({
        ...walk,
        nodes: [
          { id: 'c', label: 'C', state: 'current' },
          { id: 'b', label: 'B′', state: 'appended' },
        ],
        pointers: [
          { name: 'current', node: 'c' },
          { name: 'next', node: null },
        ],
      }),
    ).toEqual(['C (current)', 'B′ (appended at the tail)', 'NULL (next)']);
  });
});

const arbList = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 12 }).chain((ids) =>
  fc.record({
    id: fc.constant('l'),
    title: fc.constant('l'),
    nodes: fc.tuple(
      ...ids.map((id) =>
        fc.record({ id: fc.constant(id), label: fc.constant(id), state: fc.constantFrom(...LIST_STATES) }),
      ),
    ),
    pointers: fc.tuple(
      fc.record({ name: fc.constant('current' as const), node: fc.constantFrom(null, ...ids) }),
      fc.record({ name: fc.constant('next' as const), node: fc.constantFrom(null, ...ids) }),
    ),
  }),
);

test.prop([arbList])('nodes never overlap, everything fits, and each linked node is linked once', (s) => {
  const l = layoutList(s);
  const boxes = [...l.nodes, l.nil];
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i];
    expect(a.x + a.w).toBeLessThanOrEqual(l.width);
    expect(a.y + a.h).toBeLessThanOrEqual(l.height);
    for (let j = i + 1; j < boxes.length; j++)
      expect(a.x + a.w <= boxes[j].x || boxes[j].x + boxes[j].w <= a.x).toBe(true);
  }
  expect(l.links).toHaveLength(s.nodes.filter((n) => n.state !== 'unlinked').length);
  expect(l.pointers).toHaveLength(2);
  expect(describeList(s)).toHaveLength(s.nodes.length + 1);
});
