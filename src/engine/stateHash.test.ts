/** State identity: values equal as JSON hash equal, and different ones do not collide in practice. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { combine, hashValue } from './stateHash';

const json = fc.jsonValue({ maxDepth: 4 });

describe('hashValue', () => {
  it('depends only on the JSON form: copies, skipped undefined properties', () => {
    fc.assert(
      fc.property(json, (v) => {
        expect(hashValue(JSON.parse(JSON.stringify(v)))).toEqual(hashValue(v));
      }),
    );
    expect(hashValue({ a: 1, b: undefined })).toEqual(hashValue({ a: 1 }));
  });

  it('tells apart values with different JSON', () => {
    fc.assert(
      fc.property(json, json, (a, b) => {
        fc.pre(JSON.stringify(a) !== JSON.stringify(b));
        expect(hashValue(a)).not.toEqual(hashValue(b));
      }),
      { numRuns: 2000 },
    );
  });

  it('tells apart what a swap of two values or a change of nesting would confuse', () => {
    const distinct = [
      { main: 'q1', worker: 'q2' },
      { main: 'q2', worker: 'q1' },
      { worker: 'q1', main: 'q2' },
      ['q1', 'q2'],
      ['q2', 'q1'],
      [['q1'], 'q2'],
      ['q1', ['q2']],
      [1, 2],
      [2, 1],
      ['1', 2],
      [1.5],
      [true],
      [null],
      [],
      {},
      '',
    ].map((v) => hashValue(v).join(','));
    expect(new Set(distinct).size).toBe(distinct.length);
  });

  it('combine depends on order', () => {
    const a = hashValue('a');
    const b = hashValue('b');
    expect(combine(a, b)).not.toEqual(combine(b, a));
  });
});
