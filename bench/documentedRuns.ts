/**
 * The documented runs' figures: how long it takes to simulate production's
 * 8-hour hang (and the test's 300 s), the hang itself apart: simulated time
 * over wall time once nothing in the server can move.
 */
import { presetScenario } from '../src/incidents/registry';
import { coreOf } from '../src/incidents/cores';
import { formatMs } from '../src/engine/duration';

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function benchDocumentedRuns(runs = 3): void {
  const core = coreOf('mod-11658');
  console.log('Documented runs (target: 8 simulated hours of a hung server in well under a second)');
  for (const id of ['production-2025-09-30', 'reproduction-test-2025-10-21']) {
    const s = presetScenario('mod-11658', id)!;
    const whole: number[] = [];
    const hung: number[] = [];
    let steps = 0;
    let hangSteps = 0;
    let hangMs = 0;
    for (let i = 0; i < runs; i++) {
      const sim = core.createSimulation(s);
      const t0 = performance.now();
      // Up to the hang, then (timed apart) the hours until the kill.
      while (!sim.verdict && sim.stepOnce(undefined, s.until));
      const t1 = performance.now();
      const from = sim.step;
      const at = sim.t;
      sim.run({ until: s.until });
      const t2 = performance.now();
      whole.push(t2 - t0);
      hung.push(t2 - t1);
      steps = sim.step;
      hangSteps = sim.step - from;
      hangMs = sim.t - at;
    }
    const wall = median(hung);
    console.log(
      `  ${id.padEnd(30)} ${median(whole).toFixed(0).padStart(5)} ms in all (${steps.toLocaleString('en-US')} steps); ` +
        `the hang: ${formatMs(hangMs)} simulated in ${wall.toFixed(0)} ms (${hangSteps.toLocaleString('en-US')} steps, ` +
        `${Math.round(hangMs / wall).toLocaleString('en-US')}x real time)`,
    );
  }
}
