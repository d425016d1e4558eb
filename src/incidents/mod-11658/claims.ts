/**
 * Every claim of the MOD-11658 incident documents, on trial. A claim is code:
 * its words (from `info.ts`, which the page lists before the trial), the
 * scenarios that test it, and a judge over their runs that returns the
 * verdict, one sentence with the runs' numbers, and the step to show. Nothing
 * here is a table of outcomes: change the model and the verdicts follow.
 * Runs are lazy and shared by scenario, so a judge that searches seeds runs
 * only what it needs and claims that read the same run pay for it once.
 */
import type {
  ClaimInfo,
  ClaimProgress,
  ClaimVerdict,
  ClaimVerdictKind,
  IncidentCore,
  RunReport,
  Scenario,
} from '../module';
import type { Simulation } from '../../engine/simulation';
import type { Span } from '../../engine/trace';
import { formatMs } from '../../engine/duration';
import { presetScenario, scenarioOver } from '../registry';
import type { Preset } from '../module';
import { info } from './info';

type Sim = Simulation<unknown, unknown>;

export interface Run {
  scenario: Scenario;
  sim: Sim;
  report: RunReport;
}

export interface Judged {
  verdict: ClaimVerdictKind;
  why: string;
  /** Which of the claim's scenarios, and the step in its run. */
  show: { scenario: number; step: number } | null;
}

export interface Claim extends ClaimInfo {
  scenarios: readonly Scenario[];
  /** `run(i)` runs scenario i (once per trial) and returns it; `fresh(i)` is a new, unrun simulation of it, to step. */
  judge(run: (i: number) => Run, fresh: (i: number) => Sim): Judged;
}

// ---- the runs -------------------------------------------------------------------

const WORKERS_0 = 'FT.CONFIG SET WORKERS 0';
/** Cheap runs: the command once the load is steady, and 50 ms for its fate to settle. */
const AT = 50;
const SETTLE = 50;
const CLUSTER = { shards: 3 };

const over = (o: Preset['scenario']) => scenarioOver('mod-11658', o);
const quick = (seed: number, o: Preset['scenario'] = {}) =>
  over({ seed, until: AT + SETTLE, commands: [{ at: AT, text: WORKERS_0 }], ...o });
const seedsTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

const STANDALONE = seedsTo(4).map((seed) => quick(seed));
const NO_LOAD_SHARE = seedsTo(3).map((seed) => quick(seed, { settings: { loadFraction: 0 } }));
const CLUSTER_RUNS = seedsTo(3).map((seed) => quick(seed, { settings: CLUSTER }));
const clusterVariant = (variant: string) => seedsTo(3).map((seed) => quick(seed, { variant, settings: CLUSTER }));

// ---- reading a run --------------------------------------------------------------

const hung = (r: Run) => r.report.outcome === 'deadlock';
const verdictStep = (r: Run) => r.sim.verdict!.step;
const seedsOf = (rs: readonly Run[]) => rs.map((r) => r.scenario.seed).join(', ');
const pct = (x: number) => `${Math.round(x * 100)}%`;
const lanesOf = (r: Run) => [...r.sim.trace.lanes.keys()];
const isCoordinator = (id: string) => id.startsWith('coord-') || id.startsWith('search-uv-');

/** The span a lane is in at a step (the last one opened by then). */
function spanAt(r: Run, lane: string, step: number): Span | undefined {
  let at: Span | undefined;
  for (const s of r.sim.trace.lanes.get(lane) ?? []) {
    if (s.startStep > step) break;
    at = s;
  }
  return at;
}
const framesAt = (r: Run, lane: string, step: number) => {
  const s = spanAt(r, lane, step);
  return s ? r.sim.trace.stacks[s.stack] : [];
};
function gilOwnerAt(r: Run, step: number): string | null {
  let owner: string | null = null;
  for (const h of r.sim.trace.handoffs) if (h.lock === 'gil' && h.step <= step) owner = h.to;
  return owner;
}
const triggers = (r: Run) => r.sim.trace.messages.filter((m) => m.type === 'UPDATE_CONN_POOL');
const logged = (r: Run, prefix: string) => r.sim.trace.log.find((l) => l.message.startsWith(prefix));
/** The first run among `idx` that hangs (runs them in order, stopping there). */
function firstHang(run: (i: number) => Run, idx: readonly number[]): number | null {
  for (const i of idx) if (hung(run(i))) return i;
  return null;
}
const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
const none = (why: string): Judged => ({ verdict: 'not modelled', why, show: null });

/** 95% Wilson interval of a proportion: the spread of a hang rate over n seeds. */
export function wilson(k: number, n: number): [number, number] {
  const z = 1.96;
  const p = k / n;
  const d = 1 + (z * z) / n;
  const mid = (p + (z * z) / (2 * n)) / d;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [Math.max(0, mid - half), Math.min(1, mid + half)];
}

// ---- the claims -----------------------------------------------------------------

const about = (id: string): ClaimInfo => {
  const c = info.ui.claims?.find((x) => x.id === id);
  if (!c) throw new Error(`claim '${id}' is not in info.ts`);
  return c;
};

/** The frames the documents name, innermost first. */
const CLAIMED_STACK = [
  'barrier_wait_and_destroy',
  'redisearch_thpool_terminate_when_empty',
  'workersThreadPool_SetNumWorkers',
  'setWorkThreads',
];

const stackPath: Claim = {
  ...about('stack-path'),
  scenarios: STANDALONE,
  judge(run) {
    const i = firstHang(run, range(0, STANDALONE.length));
    if (i === null) return none(`None of seeds ${seedsOf(STANDALONE.map((_, j) => run(j)))} hung: no stack to check.`);
    const r = run(i);
    const step = verdictStep(r);
    const frames = framesAt(r, 'main', step);
    const at = CLAIMED_STACK.map((f) => frames.indexOf(f));
    const inOrder = at.every((x, k) => x >= 0 && (k === 0 || x > at[k - 1]));
    const owner = gilOwnerAt(r, step);
    const between = inOrder ? frames.slice(at[0] + 1, at[1]) : [];
    const ok = inOrder && owner === 'main' && frames.at(-1) === 'main';
    return {
      verdict: ok ? 'holds' : 'wrong',
      why:
        `At the hang (seed ${r.scenario.seed}, step ${step}) main's stack is ${frames.slice(0, at[3] + 1 || 6).join(' ← ')} ← … ← ${frames.at(-1)} and the GIL's owner is ${owner ?? 'nobody'}` +
        (between.length ? `; the documents skip ${between.join(', ')} between the two innermost frames.` : '.'),
      show: { scenario: i, step },
    };
  },
};

const gilForCoordinatorResponses: Claim = {
  ...about('gil-for-coordinator-responses'),
  scenarios: [...STANDALONE, ...NO_LOAD_SHARE, ...CLUSTER_RUNS],
  judge(run) {
    const i = firstHang(run, range(0, STANDALONE.length));
    const noLoad = range(STANDALONE.length, NO_LOAD_SHARE.length).map(run);
    const cluster = range(STANDALONE.length + NO_LOAD_SHARE.length, CLUSTER_RUNS.length).map(run);
    const toWorkers = cluster.flatMap((r) =>
      r.sim.trace.messages.filter((m) => isCoordinator(m.from) && m.to.startsWith('workers-')),
    );
    const noLoadHangs = noLoad.filter(hung).length;
    if (i === null) return none('No standalone seed hung, so the model cannot say which GIL wait closes the cycle.');
    const r = run(i);
    const step = verdictStep(r);
    const worker = r.sim.verdict!.cycle.find((n) => n.startsWith('workers-'))!;
    const frames = framesAt(r, worker, step);
    const coordLanes = lanesOf(r).filter(isCoordinator).length;
    const wrong = coordLanes === 0 && frames.includes('rpSafeLoaderNext_Accumulate') && noLoadHangs === 0;
    return {
      verdict: wrong ? 'wrong' : 'holds',
      why:
        `Standalone (shards 1, ${coordLanes} coordinator threads) seed ${r.scenario.seed} hangs with ${worker} in ${frames.slice(0, 2).join(' ← ')}, the LOAD step; ` +
        `with no query that LOADs, ${noLoadHangs} of ${noLoad.length} seeds hang; and in ${cluster.length} cluster runs the coordinator threads send the workers ${toWorkers.length} messages.`,
      show: { scenario: i, step },
    };
  },
};

/** What search-uv-1 is handling at the simulation's step (its event's type), if anything. */
const uvHandling = (sim: Sim) =>
  (sim.snapshot('search-uv-1')?.context as { current?: { type: string } | null } | undefined)?.current?.type;

/** The first step at which search-uv-1 runs a reply callback (fanoutCallback / mrIteratorRedisCB). */
function firstReplyCallback(sim: Sim, until: number): number | null {
  while (sim.stepOnce(undefined, until)) {
    const t = uvHandling(sim);
    if (t === 'REPLY' || t === 'SHARD_REPLY') return sim.step;
  }
  return null;
}

const uvOnMainThread: Claim = {
  ...about('uv-on-main-thread'),
  scenarios: CLUSTER_RUNS,
  judge(run, fresh) {
    const runs = CLUSTER_RUNS.map((_, i) => run(i));
    const mainUv = runs.reduce(
      (n, r) =>
        n + (r.sim.trace.lanes.get('main') ?? []).filter((s) => r.sim.trace.stacks[s.stack].includes('uv_run')).length,
      0,
    );
    const replies = runs.flatMap((r) =>
      r.sim.trace.messages.filter((m) => m.to === 'search-uv-1' && (m.type === 'REPLY' || m.type === 'SHARD_REPLY')),
    );
    const r = runs[0];
    const own = r.sim.actors().find((a) => a.id === 'search-uv-1')?.role === 'thread';
    const step = firstReplyCallback(fresh(0), r.scenario.until);
    if (!own || step === null)
      return none('No cluster run delivered a reply to search-uv-1, so there is no callback to place.');
    const wrong = mainUv === 0 && replies.length > 0;
    return {
      verdict: wrong ? 'wrong' : 'holds',
      why: `In ${runs.length} cluster runs (shards 3) all ${replies.length} replies go to search-uv-1, a thread of its own whose stack is ${framesAt(r, 'search-uv-1', step).join(' ← ')} (the first callback at step ${step}), while ${mainUv} of main's spans ever have uv_run on their stack.`,
      show: { scenario: 0, step },
    };
  },
};

/** The cluster runs split by fate: what the trigger did in each. */
function triggerStory(run: (i: number) => Run) {
  const runs = CLUSTER_RUNS.map((_, i) => run(i));
  const hanging = runs.filter(hung);
  const finished = runs.filter((r) => !hung(r));
  return { runs, hanging, finished };
}

const shrinkCausesHang: Claim = {
  ...about('shrink-causes-hang'),
  scenarios: CLUSTER_RUNS,
  judge(run) {
    const { runs, hanging, finished } = triggerStory(run);
    if (!hanging.length) return none(`None of cluster seeds ${seedsOf(runs)} hung.`);
    const triggered = hanging.filter((r) => triggers(r).length > 0).length;
    const viaCoord = hanging.filter((r) => r.sim.verdict!.cycle.some(isCoordinator)).length;
    // Where it runs at all, the trigger comes after the pool was already emptied (§3.1).
    const after = finished.filter((r) => {
      const disabled = logged(r, 'Disabled workers threadpool');
      return disabled && triggers(r).every((m) => m.step >= disabled.step);
    }).length;
    const r = hanging[0];
    return {
      verdict: triggered === 0 && viaCoord === 0 ? 'wrong' : 'partly',
      why:
        `${hanging.length} of ${runs.length} cluster runs hang; in ${triggered} of them uvUpdateConnPoolSize (the only caller of MRConnManager_Shrink) was ever scheduled, and ${viaCoord} cycles pass through a coordinator thread (the cycle is ${r.sim.verdict!.cycle.join(' → ')})` +
        (finished.length
          ? `; in the ${finished.length} that finish, it is scheduled only after the pool was disabled (${after} of ${finished.length}).`
          : '.'),
      show: { scenario: runs.indexOf(r), step: verdictStep(r) },
    };
  },
};

const shrinkNeverRuns: Claim = {
  ...about('shrink-never-runs'),
  scenarios: CLUSTER_RUNS,
  judge(run) {
    const { runs, hanging, finished } = triggerStory(run);
    if (!hanging.length) return none(`None of cluster seeds ${seedsOf(runs)} hung.`);
    const silent = hanging.filter(
      (r) => triggers(r).length === 0 && !logged(r, 'Successfully changed configuration'),
    ).length;
    const ranElsewhere = finished.filter((r) => triggers(r).length > 0).length;
    const r = hanging[0];
    return {
      verdict: silent === hanging.length ? 'holds' : 'wrong',
      why:
        `In ${silent} of ${hanging.length} hanging cluster runs (seeds ${seedsOf(hanging)}) no UPDATE_CONN_POOL ever reaches search-uv-1 and "Successfully changed configuration" is never logged: the setter never returns to COORDINATOR_TRIGGER` +
        (finished.length ? `; in ${ranElsewhere} of the ${finished.length} runs that finish it does run.` : '.'),
      show: { scenario: runs.indexOf(r), step: verdictStep(r) },
    };
  },
};

const coordinatorNeeded: Claim = {
  ...about('coordinator-needed'),
  scenarios: STANDALONE,
  judge(run) {
    const runs = STANDALONE.map((_, i) => run(i));
    const hanging = runs.filter(hung);
    const coordLanes = runs.reduce((n, r) => n + lanesOf(r).filter(isCoordinator).length, 0);
    if (!hanging.length) return none(`None of standalone seeds ${seedsOf(runs)} hung at this load.`);
    const r = hanging[0];
    return {
      verdict: coordLanes === 0 ? 'wrong' : 'holds',
      why: `Standalone (shards 1: ${coordLanes} coord or search-uv threads, no connections), ${hanging.length} of ${runs.length} seeds still hang with the cycle ${r.sim.verdict!.cycle.join(' → ')}.`,
      show: { scenario: runs.indexOf(r), step: verdictStep(r) },
    };
  },
};

/** A proposed fix against the pre-fix code on the seeds that hang there. */
function proposal(id: string, variant: string, extra: (r: Run) => string): Claim {
  const fixed = clusterVariant(variant);
  return {
    ...about(id),
    scenarios: [...CLUSTER_RUNS, ...fixed],
    judge(run) {
      const pre = CLUSTER_RUNS.map((_, i) => i).filter((i) => hung(run(i)));
      if (!pre.length) return none(`None of cluster seeds 1–${CLUSTER_RUNS.length} hang pre-fix: nothing to fix.`);
      const still = pre.map((i) => CLUSTER_RUNS.length + i).filter((i) => hung(run(i)));
      const sameCycle = still.filter(
        (i) => run(i).sim.verdict!.cycle.join() === run(i - CLUSTER_RUNS.length).sim.verdict!.cycle.join(),
      ).length;
      const show = still[0] ?? CLUSTER_RUNS.length + pre[0];
      const r = run(show);
      return {
        verdict: still.length === 0 ? 'holds' : still.length === pre.length ? 'wrong' : 'partly',
        why:
          `With ${variant}, ${still.length} of the ${pre.length} cluster seeds that hang pre-fix (${seedsOf(pre.map(run))}) still hang, ${sameCycle} with the same cycle through the GIL` +
          (still.length ? `; ${extra(r)}.` : '.'),
        show: { scenario: show, step: hung(r) ? verdictStep(r) : r.sim.step },
      };
    },
  };
}

const drainFixes = proposal(
  'drain-fixes',
  'drain-connections',
  (r) => `the drain ${logged(r, 'Draining connections') ? 'ran' : 'never ran'}, since main never gets past the barrier`,
);

const triggerFirstFixes = proposal('trigger-first-fixes', 'trigger-first', (r) => {
  const m = triggers(r)[0];
  const spin = (r.sim.trace.lanes.get('main') ?? []).find((s) => s.fn === 'barrier_wait_and_destroy');
  return m && spin
    ? `COORDINATOR_TRIGGER scheduled uvUpdateConnPoolSize at step ${m.step}, ${m.step < spin.startStep ? 'before' : 'in the same step as'} main began to spin (step ${spin.startStep}), and the cycle has no connection in it`
    : `the trigger was ${m ? '' : 'not '}scheduled`;
});

const BARRIER_SEEDS = 8;

const barrierTimeoutSafe = (core: IncidentCore): Claim => {
  // Long enough for the timeout to fire and the late worker to reach its ADMIN job.
  const until = AT + core.settleMs('barrier-timeout') + 200;
  const scenarios = seedsTo(BARRIER_SEEDS).map((seed) => quick(seed, { variant: 'barrier-timeout', until }));
  return {
    ...about('barrier-timeout-safe'),
    scenarios,
    judge(run) {
      for (let i = 0; i < scenarios.length; i++) {
        const r = run(i);
        const crash = r.sim.crash;
        if (!crash) continue;
        const reply = r.report.replies[0];
        return {
          verdict: 'wrong',
          why: `Seed ${r.scenario.seed} (the first of 1–${BARRIER_SEEDS} to reach the timeout): ${reply?.command} returns ${reply?.reply ?? 'nothing'} after ${formatMs((reply?.repliedAt ?? AT) - AT)}, then at ${formatMs(crash.at)} ${crash.actor} crashes: ${crash.message}.`,
          show: { scenario: i, step: crash.step },
        };
      }
      return none(`No seed of 1–${BARRIER_SEEDS} reached the barrier's timeout, so the timeout was never exercised.`);
    },
  };
};

/** Seeds for the hang rate at the regression test's load and timing. */
const RATE_SEEDS = 20;

function failRate(): Claim {
  const base = over({});
  const at = base.commands[0].at;
  const scenarios = seedsTo(RATE_SEEDS).map((seed) => over({ seed, until: at + 100 }));
  return {
    ...about('fail-rate'),
    scenarios,
    judge(run) {
      const runs = scenarios.map((_, i) => run(i));
      const h = runs.filter(hung).length;
      const n = runs.length;
      const [lo, hi] = wilson(h, n);
      const rate = h / n;
      const inside = rate >= 0.2 && rate <= 0.5;
      const first = runs.findIndex(hung);
      const st = base.settings;
      return {
        verdict: h === 0 || h === n ? 'wrong' : inside ? 'holds' : 'partly',
        why: `It is a race, but ${h} of ${n} seeds hang (${pct(rate)}, 95% interval ${pct(lo)}–${pct(hi)}) at the regression test's load (${st.clients} clients, LOAD share ${st.loadFraction}, WORKERS ${st.workers} → 0 at ${formatMs(at)}), ${inside ? 'inside' : 'outside'} the 20–50% claimed; the rate is the model's at its own costs, not a real server's.`,
        show: first >= 0 ? { scenario: first, step: verdictStep(runs[first]) } : null,
      };
    },
  };
}

/** WORKERS stepped down 8 → 4 → 2 → 1 → 0, 10 ms apart, under the test's load. */
const STEPS = [4, 2, 1, 0];
const GRADUAL_SEEDS = 5;

function gradual(): Claim {
  const commands = STEPS.map((n, k) => ({ at: AT + 10 * k, text: `FT.CONFIG SET WORKERS ${n}` }));
  const loaded = seedsTo(GRADUAL_SEEDS).map((seed) => over({ seed, until: AT + 80, commands }));
  const quiet = presetScenario('mod-11658', 'reduction-sequence')!;
  return {
    ...about('gradual-reduction-safe'),
    scenarios: [...loaded, quiet],
    judge(run) {
      const calm = run(loaded.length);
      const runs = loaded.map((_, i) => run(i));
      const hanging = runs.filter(hung);
      // Which step hung, and how many workers waited for the GIL against how many it keeps (§5).
      const told = hanging.map((r) => {
        const k = r.report.replies.findIndex((x) => x.reply === null);
        const from = k > 0 ? STEPS[k - 1] : r.scenario.settings.workers;
        const step = verdictStep(r);
        const waiting = [...r.sim.trace.lanes.keys()]
          .filter((l) => l.startsWith('workers-'))
          .filter((l) => spanAt(r, l, step)?.state === 'waitingGil').length;
        return `${from}→${STEPS[k]} with ${waiting} waiting for the GIL`;
      });
      const verdict: ClaimVerdictKind = hung(calm) ? 'wrong' : hanging.length ? 'partly' : 'holds';
      const shown = hanging[0] ?? calm;
      return {
        verdict,
        why:
          `Without load the sequence ${hung(calm) ? 'hangs' : 'completes'}; under the test's load ${hanging.length} of ${runs.length} seeds hang` +
          (told.length
            ? ` (${told.join('; ')}): a step to M>0 hangs once more than M workers wait, and 1→0 needs just one.`
            : '.'),
        show: {
          scenario: shown === calm ? loaded.length : runs.indexOf(shown),
          step: hung(shown) ? verdictStep(shown) : shown.sim.step,
        },
      };
    },
  };
}

const productionWindow: Claim = {
  ...about('production-window'),
  scenarios: [],
  judge: () =>
    none(
      "The model's costs are its own: it has no production data set, query mix or timings, so it cannot say how wide production's window was (the race-window panel measures only the model's).",
    ),
};

/** The claims in the panel's order. */
export function claims(core: IncidentCore): Claim[] {
  return [
    stackPath,
    gilForCoordinatorResponses,
    uvOnMainThread,
    shrinkCausesHang,
    shrinkNeverRuns,
    coordinatorNeeded,
    drainFixes,
    triggerFirstFixes,
    barrierTimeoutSafe(core),
    failRate(),
    gradual(),
    productionWindow,
  ];
}

const keyOf = (s: Scenario) => JSON.stringify(s);

/** Puts every claim on trial, in order; runs shared by claims run once and are dropped when no later claim needs them. */
export function judgeClaims(core: IncidentCore, progress?: (p: ClaimProgress) => void): ClaimVerdict[] {
  const list = claims(core);
  const cache = new Map<string, Run>();
  let runs = 0;
  const out: ClaimVerdict[] = [];
  list.forEach((c, done) => {
    progress?.({ done, total: list.length, claim: c.id, runs });
    const before = runs;
    const run = (i: number): Run => {
      const scenario = c.scenarios[i];
      if (!scenario) throw new Error(`claim '${c.id}' has no scenario ${i}`);
      const key = keyOf(scenario);
      let r = cache.get(key);
      if (!r) {
        const sim = core.createSimulation(scenario);
        sim.run({ until: scenario.until, maxSteps: scenario.maxSteps });
        r = { scenario, sim, report: core.report(sim) };
        cache.set(key, r);
        runs++;
      }
      return r;
    };
    const j = c.judge(run, (i) => core.createSimulation(c.scenarios[i]));
    const { id, claim, source, model } = c;
    out.push({
      id,
      claim,
      source,
      model,
      verdict: j.verdict,
      why: j.why,
      show: j.show && { scenario: c.scenarios[j.show.scenario], step: j.show.step },
      runs: runs - before,
    });
    const later = new Set(list.slice(done + 1).flatMap((x) => x.scenarios.map(keyOf)));
    for (const k of cache.keys()) if (!later.has(k)) cache.delete(k);
  });
  progress?.({ done: list.length, total: list.length, claim: '', runs });
  return out;
}
