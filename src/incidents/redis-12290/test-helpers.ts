/** Helpers shared by the Redis #12290 tests (not used by the product). */
import { traceDigest } from '../../engine/digest';
import { DEFAULT_CONFIG, type Redis12290Config } from './config';
import { runScenario, type Redis12290Sim, type Scenario } from './scenario';

export type ScenarioPatch = Omit<Partial<Scenario>, 'config'> & { config?: Partial<Redis12290Config> };

export function scenario(over: ScenarioPatch = {}): Scenario {
  return { variant: '7.2-rc2', seed: 1, until: 3000, ...over, config: { ...DEFAULT_CONFIG, ...over.config } };
}

export const run = (over: ScenarioPatch = {}) => runScenario(scenario(over));

/** The walk as section 10.3 writes it: `cur=A served`, `cur=B re-block`, with B′ for a re-appended B. */
export function walkOrder(sim: Redis12290Sim, walks = 1): string[] {
  const out: string[] = [];
  const gen = new Map<string, number>();
  let rewinds = 0;
  const name = (client: string) => {
    const letter = String.fromCharCode(65 + Number(/(\d+)$/.exec(client)![1]));
    return letter + '\u2032'.repeat(gen.get(client) ?? 0);
  };
  for (const n of sim.trace.notes) {
    if (n.kind !== 'walk') continue;
    const d = n.data as { step: string; client?: string };
    if (d.step === 'rewind') {
      if (++rewinds > walks) break;
      gen.clear();
    } else if (d.step === 'served') out.push(`${name(d.client!)} served`);
    else if (d.step === 'skipped') out.push(`${name(d.client!)} stays`);
    else if (d.step === 'reblocked') {
      out.push(`${name(d.client!)} re-blocks`);
      gen.set(d.client!, (gen.get(d.client!) ?? 0) + 1);
    }
  }
  return out;
}

export const digest = (sim: Redis12290Sim) => traceDigest(sim);
