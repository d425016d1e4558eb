/**
 * A hash table from 53-bit state keys (Simulation.stateKey) to
 * non-negative numbers (state indices, other keys), in typed arrays: open addressing with linear
 * probing, doubled when half full. A Map keyed by numbers past 2^31 boxes
 * every key as a heap number; with millions of states the garbage collector
 * spent a third of the search walking them.
 */
const EMPTY = -1;

export class StateTable {
  private lo: Uint32Array;
  private hi: Uint32Array;
  private values: Float64Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1 << 12) {
    let n = 16;
    while (n < capacity * 2) n *= 2;
    this.lo = new Uint32Array(n);
    this.hi = new Uint32Array(n);
    this.values = new Float64Array(n).fill(EMPTY);
    this.mask = n - 1;
  }

  /** The value stored for `key`, or -1. */
  get(key: number): number {
    const lo = key >>> 0;
    const hi = (key / 4294967296) >>> 0;
    const mask = this.mask;
    for (let i = slotOf(lo, hi) & mask; ; i = (i + 1) & mask) {
      const v = this.values[i];
      if (v === EMPTY) return EMPTY;
      if (this.lo[i] === lo && this.hi[i] === hi) return v;
    }
  }

  /** Stores `value` (a non-negative number) for `key`, replacing any value it had. */
  set(key: number, value: number): void {
    if ((this.size + 1) * 2 > this.values.length) this.grow();
    const lo = key >>> 0;
    const hi = (key / 4294967296) >>> 0;
    if (this.put(lo, hi, value)) this.size++;
  }

  clear(): void {
    this.values.fill(EMPTY);
    this.size = 0;
  }

  /** True when the key was new. */
  private put(lo: number, hi: number, value: number): boolean {
    const mask = this.mask;
    for (let i = slotOf(lo, hi) & mask; ; i = (i + 1) & mask) {
      const v = this.values[i];
      if (v === EMPTY) {
        this.lo[i] = lo;
        this.hi[i] = hi;
        this.values[i] = value;
        return true;
      }
      if (this.lo[i] === lo && this.hi[i] === hi) {
        this.values[i] = value;
        return false;
      }
    }
  }

  private grow(): void {
    const { lo, hi, values } = this;
    const n = values.length * 2;
    this.lo = new Uint32Array(n);
    this.hi = new Uint32Array(n);
    this.values = new Float64Array(n).fill(EMPTY);
    this.mask = n - 1;
    for (let i = 0; i < values.length; i++) if (values[i] !== EMPTY) this.put(lo[i], hi[i], values[i]);
  }
}

/** Keys are hashes already, but their low bits must spread over the table. */
function slotOf(lo: number, hi: number): number {
  const h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca77);
  return (h ^ (h >>> 15)) >>> 0;
}
