/** Binary search over sorted numbers (step times, span ends). */

/** The first index in [lo, hi) whose value is greater than `t` (hi when none is). */
export function upperBound(values: ArrayLike<number>, t: number, lo = 0, hi = values.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
