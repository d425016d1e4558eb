/**
 * The incidents' heavy faces (machines and simulation), for the workers,
 * the CLI and the benchmark. The page itself imports `registry.ts` only.
 */
import type { IncidentCore } from './module';
import { core as mod11658 } from './mod-11658/core';
import { core as redis12290 } from './redis-12290/core';

const CORES: Record<string, IncidentCore> = { 'mod-11658': mod11658, 'redis-12290': redis12290 };

export function coreOf(id: string): IncidentCore {
  const c = CORES[id];
  if (!c) throw new Error(`unknown incident '${id}'`);
  return c;
}
