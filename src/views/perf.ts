/**
 * Draw times recorded for the UI benchmark (read from `window.__perf`):
 * every paint's duration, and for each loaded run the time from its arrival
 * to the end of its first full paint (spans and overlay).
 */
interface PerfRecord {
  draws: number[];
  /** Visible window of each draw (ms of virtual time), for finding slow zoom levels. */
  spans: number[];
  loads: { loadedAt: number; firstDrawMs: number | null; firstDrawDone: number | null }[];
}

const perf: PerfRecord = { draws: [], spans: [], loads: [] };
(globalThis as unknown as { __perf: PerfRecord }).__perf = perf;

export function markLoaded(): void {
  perf.loads.push({ loadedAt: performance.now(), firstDrawMs: null, firstDrawDone: null });
}

export function recordDraw(ms: number, full: boolean, windowMs: number): void {
  perf.draws.push(ms);
  perf.spans.push(windowMs);
  if (perf.draws.length > 5000) {
    perf.draws.splice(0, 1000);
    perf.spans.splice(0, 1000);
  }
  const last = perf.loads[perf.loads.length - 1];
  if (full && last && last.firstDrawDone === null) {
    last.firstDrawMs = ms;
    last.firstDrawDone = performance.now();
  }
}
