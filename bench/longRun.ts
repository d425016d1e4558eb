/**
 * A long run in the page's worker (issue 10, §4): 16 workers, 200 clients,
 * 20 s simulated (the fixed variant, WORKERS 0 at 500 ms: about 370,000
 * steps). Prints its time from scratch and the time to re-simulate it after
 * an edit at 15 s (a PING added there), which picks up the run from its
 * last checkpoint before the edit; both as the worker makes them (the
 * session: simulation, packed trace, log, report, digest).
 */
import { defaultScenario } from '../src/incidents/registry';
import { withCommandIds } from '../src/incidents/commandIds';
import type { Scenario } from '../src/incidents/module';
import { UI_MAX_STEPS } from '../src/store/appStore';
import { Session } from '../src/worker/session';

const EDIT_AT = 15_000;

export function longRunScenario(): Scenario {
  const d = defaultScenario('mod-11658');
  return {
    ...d,
    variant: 'fixed',
    until: 20_000,
    maxSteps: UI_MAX_STEPS,
    settings: { ...d.settings, workers: 16, clients: 200 },
    commands: withCommandIds(d.commands),
  };
}

/** A session as the worker makes it: simulated, then finished (trace packed, log, report, digest); wall ms of each. */
function make(s: Scenario, previous?: Session) {
  let start = performance.now();
  const session = new Session(s, { previous, run: false });
  while (!session.advance({})) continue;
  const simulateMs = performance.now() - start;
  start = performance.now();
  session.finish();
  return { session, simulateMs, finishMs: performance.now() - start };
}

export function benchLongRun() {
  const s = longRunScenario();
  const scratch = make(s);
  const edited = { ...s, commands: [...s.commands, { id: 'cmd-2', at: EDIT_AT, text: 'PING' }] };
  const resumed = make(edited, scratch.session);
  if (new Session(edited).run.digest !== resumed.session.run.digest) {
    throw new Error('the re-simulated run is not the fresh run');
  }
  return { steps: scratch.session.run.trace.steps, scratch, resumed, from: resumed.session.resumed! };
}

export function printLongRun(): void {
  const b = benchLongRun();
  const n = (x: number) => x.toLocaleString('en-US');
  const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const total = (m: { simulateMs: number; finishMs: number }) =>
    `${sec(m.simulateMs + m.finishMs).padStart(7)} (simulating ${sec(m.simulateMs)}, then trace, report and digest ${sec(m.finishMs)})`;
  console.log(
    `Long run in the worker: fixed, 16 workers, 200 clients, 20 s simulated, WORKERS 0 at 500 ms (${n(b.steps)} steps)`,
  );
  console.log(`  from scratch:                   ${total(b.scratch)}`);
  console.log(`  after an edit at ${EDIT_AT / 1000} s (a PING): ${total(b.resumed)}`);
  console.log(
    `    picked up at step ${n(b.from.step)} (${sec(b.from.t)}), the last checkpoint before the edit: ` +
      `${n(b.resumed.session.run.trace.steps - b.from.step)} steps simulated; the same digest as a fresh run`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) printLongRun();
