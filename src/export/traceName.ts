/** The trace file's name (apart from the trace writer, so the page can name a file without loading it). */

/** `lockstep-<incident>-<variant>-seed<seed>.json`, safe as a file name. */
export function traceFilename(incident: string, variant: string, seed: number): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_');
  return `lockstep-${safe(incident)}-${safe(variant)}-seed${seed}.json`;
}
