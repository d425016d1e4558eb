/**
 * `npm run bench`: prints the figures the issues name. Figures, not
 * assertions: tests never time things.
 */
import os from 'node:os';
import { benchSim } from './sim';
import { benchUi, printUi } from './ui';

const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}`;
console.log(`Lockstep benchmark on ${machine}`);
console.log('');
console.log('Simulation: 10,000 queries, 20 clients, WORKERS 8, standalone (target: under 1 s)');
for (const [mode, runs] of [
  ['compiled', 5],
  ['xstate', 3],
] as const) {
  const b = benchSim(mode, runs);
  console.log(
    `  ${mode.padEnd(9)} ${b.medianMs.toFixed(0).padStart(6)} ms median  ` +
      `${b.stepsPerSecond.toLocaleString('en-US').padStart(9)} steps/s  ` +
      `(${b.steps.toLocaleString('en-US')} steps, ${b.completed.toLocaleString('en-US')} queries completed; runs ${b.runsMs.join(', ')} ms)`,
  );
}
console.log('');
if (process.argv.includes('--no-ui')) process.exit(0);
const ui = await benchUi();
const baseline = await benchUi(true);
printUi(ui, baseline);
