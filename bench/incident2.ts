/**
 * Figures for the incident seam: Redis #12290's explorer per variant and
 * bound, and the time to build a CPU profile (flame graph) from a run of
 * about a million steps. Printed by `npm run bench`.
 */
import { coreOf } from '../src/incidents/cores';
import { infoOf } from '../src/incidents/registry';
import { buildProfile } from '../src/render/flame';
import { packTrace } from '../src/engine/packed';
import { ENGINE_KINDS } from '../src/render/palette';
import type { Scenario } from '../src/incidents/module';
import { completeSettings } from '../src/incidents/settings';

export function benchExplorer12290(): void {
  const core = coreOf('redis-12290');
  const info = infoOf('redis-12290');
  console.log(
    'Explorer, Redis #12290: is a non-progress loop reachable? (R subscribers, K XADDs, entry servable or not)',
  );
  for (const b of [
    { subscribers: 3, serve: true, xadds: 1 },
    { subscribers: 2, serve: false, xadds: 1 },
    { subscribers: 3, serve: true, xadds: 2 },
  ])
    for (const v of info.variants) {
      const r = core.explore(v.id, b);
      console.log(
        `  ${v.id.padEnd(8)} R ${b.subscribers} serve ${b.serve ? 1 : 0} XADD ${b.xadds}  ${r.verdict.padEnd(18)} ` +
          `${r.states.toLocaleString('en-US').padStart(7)} states  ${r.seconds.toFixed(2).padStart(5)} s  ` +
          `${r.statesPerSecond.toLocaleString('en-US').padStart(7)} states/s`,
      );
    }
}

export function benchFlame(): void {
  const info = infoOf('mod-11658');
  const s: Scenario = {
    incident: 'mod-11658',
    variant: 'fixed',
    seed: 1,
    until: 60_000,
    maxSteps: 1_000_000,
    settings: completeSettings(info.settings, { workers: 16, clients: 200, think: 2 }),
    commands: [],
  };
  const sim = coreOf(s.incident).createSimulation(s);
  sim.run({ until: s.until, maxSteps: s.maxSteps });
  const trace = packTrace(sim);
  const cpu = [...info.ui.spanKinds, ...ENGINE_KINDS].filter((k) => k.cpu).map((k) => k.id);
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    for (const lane of trace.lanes) total += buildProfile(trace, { lane, kinds: cpu }).total;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(
    `CPU profile (flame graph) of every thread of a ${sim.step.toLocaleString('en-US')}-step run ` +
      `(${trace.start.length.toLocaleString('en-US')} spans, ${trace.lanes.length} threads): ` +
      `${times[2].toFixed(1)} ms median over 5 builds (${(total / 5).toFixed(0)} ms of CPU time profiled)`,
  );
}
