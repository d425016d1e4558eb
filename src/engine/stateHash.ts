/**
 * Structural hashing of the simulation's values (snapshot contexts, events,
 * the shared record) for the explorer's state identity: two independent
 * 32-bit lanes, no intermediate strings. Values that are equal as JSON hash
 * equal (keys in insertion order, undefined properties skipped).
 */

export type Pair = readonly [number, number];

/** Output lanes of `hashInto`: no tuple per value. */
let outA = 0;
let outB = 0;

function str(text: string, seedA: number, seedB: number): void {
  let a = seedA;
  let b = seedB;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 2654435761);
    b = Math.imul(b ^ c, 1597334677);
  }
  outA = a ^ (a >>> 16);
  outB = b ^ (b >>> 13);
}

function hashInto(v: unknown): void {
  switch (typeof v) {
    case 'string':
      str(v, 0xdeadbeef, 0x41c6ce57);
      return;
    case 'number':
      if ((v | 0) === v) {
        outA = Math.imul(v ^ 0x2545f491, 0x9e3779b1);
        outB = Math.imul(v ^ 0x6c078965, 0x85ebca77);
      } else str(String(v), 0x7f4a7c15, 0x1b873593);
      return;
    case 'boolean':
      outA = v ? 0x3c6ef372 : 0x68e31da4;
      outB = v ? 0x510e527f : 0x1f83d9ab;
      return;
    case 'object':
      if (v === null) {
        outA = 0x0badf00d;
        outB = 0x5eed1e55;
        return;
      }
      if (Array.isArray(v)) {
        let a = 0x6a09e667;
        let b = 0x3c6ef372;
        for (const x of v) {
          hashInto(x === undefined ? null : x);
          a = Math.imul(a ^ outA, 0x27d4eb2d) + 0x165667b1;
          b = Math.imul(b ^ outB, 0x165667b1) + 0x27d4eb2d;
        }
        outA = Math.imul(a ^ v.length, 2246822507);
        outB = Math.imul(b ^ (b >>> 15), 3266489909);
        return;
      } else {
        const rec = v as Record<string, unknown>;
        let a = 0xbb67ae85;
        let b = 0xa54ff53a;
        for (const k in rec) {
          const x = rec[k];
          if (x === undefined || typeof x === 'function') continue;
          str(k, a, b);
          a = outA;
          b = outB;
          hashInto(x);
          a = Math.imul(a ^ outA, 0x27d4eb2d) + 0x165667b1;
          b = Math.imul(b ^ outB, 0x165667b1) + 0x27d4eb2d;
        }
        outA = Math.imul(a ^ (a >>> 16), 2246822507);
        outB = Math.imul(b ^ (b >>> 15), 3266489909);
        return;
      }
    default:
      outA = 0x2f;
      outB = 0x2f;
  }
}

/** The hash of any JSON-like value. */
export function hashValue(v: unknown): Pair {
  hashInto(v);
  return [outA >>> 0, outB >>> 0];
}

/** Folds `next` into the running pair `acc` (order matters). */
export function combine(acc: Pair, next: Pair): Pair {
  return [foldA(acc[0], next[0]), foldB(acc[1], next[1])];
}

/** `combine`, one lane at a time: for loops that keep the running pair in two numbers. */
export const foldA = (a: number, x: number) => (Math.imul(((a << 5) | (a >>> 27)) ^ x, 0x27d4eb2d) + 0x165667b1) >>> 0;
export const foldB = (b: number, y: number) => (Math.imul(((b << 7) | (b >>> 25)) ^ y, 0x165667b1) + 0x27d4eb2d) >>> 0;
