/** Draw times recorded for the UI benchmark (read from `window.__perf`). */
interface PerfRecord {
  draws: number[];
  firstDraw: number | null;
}

const perf: PerfRecord = { draws: [], firstDraw: null };
(globalThis as unknown as { __perf: PerfRecord }).__perf = perf;

export function recordDraw(ms: number): void {
  if (perf.firstDraw === null) perf.firstDraw = performance.now();
  perf.draws.push(ms);
  if (perf.draws.length > 5000) perf.draws.splice(0, 1000);
}
