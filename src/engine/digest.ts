/**
 * A short fingerprint of everything a run recorded, so two runs (in Node and
 * in a browser, or replayed) can be compared by value: cyrb53 over a
 * canonical JSON rendering of the trace.
 */
import type { Simulation } from './simulation';

/** A 53-bit string hash (cyrb53), as 14 hex digits. */
export function cyrb53(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

export function traceDigest<C, S>(sim: Simulation<C, S>): string {
  const lanes = [...sim.trace.lanes.entries()].map(([id, spans]) => [id, spans.map((s) => [s.start, s.end, s.state])]);
  return cyrb53(
    JSON.stringify({
      step: sim.step,
      t: sim.t,
      choices: sim.choiceLog.slice(0, sim.step),
      lanes,
      handoffs: sim.trace.handoffs,
      waits: sim.trace.waits,
      messages: sim.trace.messages,
      log: sim.trace.log,
      notes: sim.trace.notes,
      verdict: sim.verdict,
    }),
  );
}
