/**
 * `npm run bench`: prints the figures the issues name. Figures, not
 * assertions: tests never time things.
 */
import os from 'node:os';
import { benchSim } from './sim';
import { benchUi, printUi } from './ui';
import { benchTour } from './tour';
import { DEFAULT_BOUNDS, exploreBounds } from '../src/incidents/mod-11658/explore';
import { VARIANT_INFO } from '../src/incidents/mod-11658/variants';
import { runCount } from '../src/incidents/sweepSpec';
import { sweep } from '../src/cli/sweep';
import { defaultSweep, INCIDENTS, presetScenario } from '../src/incidents/registry';
import { BAND, Session } from '../src/worker/session';
import { pointOfNoReturn } from '../src/engine/futures';
import { benchExplorer12290, benchFlame } from './incident2';
import { benchDocumentedRuns } from './documentedRuns';
import { printLongRun } from './longRun';
import { benchExploreScale } from './exploreScale';
import { benchTimelineScale, printTimelineScale } from './timelineScale';

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
console.log(
  'Explorer: the bounded default (WORKERS 2 -> 0, 2 queries, the command at any point), every variant (target: under 2 s each)',
);
for (const v of VARIANT_INFO) {
  const r = exploreBounds({ ...DEFAULT_BOUNDS, variant: v.id });
  console.log(
    `  ${v.id.padEnd(18)} ${r.verdict.padEnd(19)} ${r.states.toLocaleString('en-US').padStart(7)} states  ` +
      `${r.seconds.toFixed(2).padStart(5)} s  ${r.statesPerSecond.toLocaleString('en-US').padStart(7)} states/s`,
  );
}
console.log('');
{
  // 334 seeds x 5 moments x 6 loads = 10,020 runs (target: 10,000 runs under 10 s on 2 cores).
  const spec = { ...defaultSweep('mod-11658')!, seeds: 334 };
  const started = performance.now();
  const outcomes = await sweep(spec);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `Race-window sweep: ${runCount(spec).toLocaleString('en-US')} runs in ${seconds.toFixed(1)} s on ${os.cpus().length} cores ` +
      `(${Math.round(runCount(spec) / seconds)} runs/s; ${outcomes.flat().filter((o) => o === 'hang').length} hangs) (target: 10,000 runs under 10 s)`,
  );
}
console.log('');
console.log("Point of no return (sampled futures, in the page's worker): each preset");
for (const p of INCIDENTS.flatMap((i) => i.ui.presets.map((x) => ({ incident: i.id, id: x.id })))) {
  const session = new Session(presetScenario(p.incident, p.id)!);
  const started = performance.now();
  const gen = session.fateBand();
  let r = gen.next();
  while (!r.done) r = gen.next();
  const seconds = (performance.now() - started) / 1000;
  const at = pointOfNoReturn(r.value);
  console.log(
    `  ${p.id.padEnd(20)} ${seconds.toFixed(2).padStart(5)} s  ${String(r.value.length).padStart(3)} points x ${BAND.futures} futures  ` +
      (at >= 0 ? `no return from step ${r.value[at].step.toLocaleString('en-US')}` : 'no point of no return'),
  );
}
console.log('');
benchExploreScale();
console.log('');
benchExplorer12290();
console.log('');
benchFlame();
console.log('');
benchDocumentedRuns();
console.log('');
printLongRun();
console.log('');
if (process.argv.includes('--no-ui')) process.exit(0);
const ui = await benchUi();
const baseline = await benchUi(true);
printUi(ui, baseline);
console.log('');
printTimelineScale(await benchTimelineScale());

console.log('');
const tour = await benchTour();
console.log(`Tour, first chapter, a first visit in headless Chromium at 1280x900 (median of ${tour.runs}):`);
console.log(`  page to the tour's offer:            ${tour.offer.toFixed(0)} ms`);
console.log(
  `  "Start the tour" to chapter 1 ready: ${tour.chapter.toFixed(0)} ms (its run simulated, drawn, cursor on its moment)`,
);
