/**
 * `npm run sim -- [options]`: runs a scenario headless and prints a summary,
 * or with --json one JSON object. Exit codes: 0 ran, 2 bad options.
 */
import { incidentOf, parseOptions, usage, UsageError } from './options';
import { coreOf } from '../incidents/cores';
import { formatMs } from '../engine/duration';
import { summary } from './summary';
import { runExplore } from './explore';
import { runCompare } from './compare';
import { runExploreGrid } from './exploreGrid';
import { runSweep } from './sweep';

// A reader that stops early (`| head`) closes the pipe: that ends the run, quietly.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'sweep') {
    try {
      process.stdout.write((await runSweep(argv.slice(1))) + '\n');
      return 0;
    } catch (e) {
      if (e instanceof UsageError) {
        process.stderr.write(`lockstep sim sweep: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
  }
  const sub = { explore: runExplore, compare: runCompare, 'explore-grid': runExploreGrid }[
    argv[0] as 'explore' | 'compare' | 'explore-grid'
  ];
  if (sub) {
    try {
      // explore-grid prints each row as it finishes, explore its progress (to stderr); both print the rest at the end.
      const onLine = (line: string) => (argv[0] === 'explore' ? process.stderr : process.stdout).write(line + '\n');
      process.stdout.write(sub(argv.slice(1), onLine) + '\n');
      return 0;
    } catch (e) {
      if (e instanceof UsageError) {
        process.stderr.write(`lockstep sim ${argv[0]}: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
  }
  let opts;
  try {
    opts = parseOptions(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`lockstep sim: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (opts.help) {
    process.stdout.write(usage(argv.some((a) => a.startsWith('--incident')) ? incidentOf(argv) : undefined) + '\n');
    return 0;
  }
  const start = performance.now();
  const core = coreOf(opts.scenario.incident);
  const sim = core.createSimulation(opts.scenario);
  const { until, maxSteps } = opts.scenario;
  sim.run({ until, maxSteps });
  // A run cut at the step limit says so, with how far it got.
  const truncated = maxSteps !== undefined && sim.step >= maxSteps;
  const report = truncated ? { ...core.report(sim), truncated: true } : core.report(sim);
  const wall = performance.now() - start;
  process.stdout.write((opts.json ? JSON.stringify(report, null, 2) : summary(opts.scenario, report, wall)) + '\n');
  if (truncated)
    process.stderr.write(
      `lockstep sim: the run stopped at the step limit (${maxSteps!.toLocaleString('en-US')} steps, ${formatMs(sim.t)} simulated of ${Number.isFinite(until) ? formatMs(until) : 'the whole run'}): ` +
        'pass --max-steps N to go further, or shorten --until\n',
    );
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
