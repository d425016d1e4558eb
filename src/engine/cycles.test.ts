/** The non-progress cycle finder against brute force on small random graphs. */
import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { EdgeList, firstCycle } from './cycles';

/** Length of the shortest walk from `v` back to `v`, or Infinity. */
function shortestTurn(n: number, pairs: readonly [number, number][], v: number): number {
  const dist = new Array<number>(n).fill(Infinity);
  let frontier = [v];
  for (let d = 1; frontier.length; d++) {
    const next: number[] = [];
    for (const u of frontier) {
      for (const [a, b] of pairs) {
        if (a !== u) continue;
        if (b === v) return d;
        if (dist[b] === Infinity) {
          dist[b] = d;
          next.push(b);
        }
      }
    }
    frontier = next;
  }
  return Infinity;
}

describe('firstCycle', () => {
  const graph = fc
    .integer({ min: 1, max: 9 })
    .chain((n) => fc.tuple(fc.constant(n), fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 20 })));
  test.prop([graph])('the lowest state on any cycle, and a shortest turn back to it', ([n, pairs]) => {
    const edges = new EdgeList();
    pairs.forEach(([a, b], i) => edges.push(a, b, i));
    const found = firstCycle(n, edges);
    const onCycle = [...Array(n).keys()].filter((v) => shortestTurn(n, pairs, v) < Infinity);
    if (!onCycle.length) {
      expect(found).toBeNull();
      return;
    }
    expect(found).not.toBeNull();
    expect(found!.entry).toBe(onCycle[0]);
    const turn = found!.edges.map((e) => pairs[edges.label[e]]);
    expect(turn.length).toBe(shortestTurn(n, pairs, found!.entry));
    expect(turn[0][0]).toBe(found!.entry);
    for (let i = 0; i < turn.length; i++) expect(turn[i][1]).toBe(turn[(i + 1) % turn.length][0]);
  });

  test('a self-loop counts; a chain does not; edge lists grow', () => {
    const chain = new EdgeList();
    for (let i = 0; i < 3000; i++) chain.push(i, i + 1, 0);
    expect(firstCycle(3001, chain)).toBeNull();
    chain.push(2000, 2000, 7);
    expect(firstCycle(3001, chain)).toEqual({ entry: 2000, edges: [3000] });
  });
});
