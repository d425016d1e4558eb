/**
 * The incident documents' claims on trial: the verdicts the model supports
 * (§6, §7 of the incident model), and that every "Show me" step lies in its
 * run and shows what the claim says at that step.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { coreOf } from '../cores';
import type { ClaimVerdict, StateAt } from '../module';
import { info } from './info';
import { wilson } from './claims';

const core = coreOf('mod-11658');
let verdicts: ClaimVerdict[] = [];
const byId = (id: string) => verdicts.find((v) => v.id === id)!;

/** The show's run, replayed to its step, and the world there. */
function shown(id: string): { state: StateAt; end: number; crashStep: number | null } {
  const show = byId(id).show!;
  const sim = core.createSimulation(show.scenario);
  sim.run({ until: show.scenario.until });
  const end = sim.step;
  const crashStep = sim.crash?.step ?? null;
  sim.seek(show.step);
  return { state: core.stateAt(sim), end, crashStep };
}
const frames = (s: StateAt, id: string) => s.stacks.find((x) => x.id === id)?.frames ?? [];

beforeAll(() => {
  verdicts = core.claims!();
}, 60_000);

describe('the claims of MOD-11658 on trial', () => {
  it('judges every claim the page lists, in its order, with a sentence', () => {
    expect(verdicts.map((v) => v.id)).toEqual(info.ui.claims!.map((c) => c.id));
    for (const v of verdicts) {
      expect(['holds', 'wrong', 'partly', 'not modelled']).toContain(v.verdict);
      expect(v.why.length, v.id).toBeGreaterThan(20);
      expect(v.model, v.id).toMatch(/§\d/);
    }
  });

  it('gives the verdicts the model supports', () => {
    expect(Object.fromEntries(verdicts.map((v) => [v.id, v.verdict]))).toEqual({
      'stack-path': 'holds',
      'gil-for-coordinator-responses': 'wrong',
      'uv-on-main-thread': 'wrong',
      'shrink-causes-hang': 'wrong',
      'shrink-never-runs': 'holds',
      'coordinator-needed': 'wrong',
      'drain-fixes': 'wrong',
      'trigger-first-fixes': 'wrong',
      'barrier-timeout-safe': 'wrong',
      'fail-rate': 'partly',
      'gradual-reduction-safe': 'partly',
      'production-window': 'not modelled',
    });
  });

  it('says why with the numbers of its runs', () => {
    expect(byId('fail-rate').why).toMatch(/\d+ of 20 seeds hang \(\d+%, 95% interval \d+%–\d+%\)/);
    expect(byId('gradual-reduction-safe').why).toMatch(
      /Without load the sequence completes; under the test's load \d+ of 5/,
    );
    expect(byId('barrier-timeout-safe').why).toMatch(/use-after-free/);
    expect(byId('production-window').show).toBeNull();
  });

  it('shows the stack claim at the hang: main in barrier_wait_and_destroy under the setter, owning the GIL', () => {
    const { state, end } = shown('stack-path');
    expect(state.step).toBeLessThanOrEqual(end);
    expect(state.cycle).not.toBeNull();
    expect(state.locks.gil).toBe('main');
    const main = frames(state, 'main');
    for (const f of ['barrier_wait_and_destroy', 'redisearch_thpool_terminate_when_empty', 'setWorkThreads'])
      expect(main).toContain(f);
  });

  it('shows the GIL wait in the LOAD step, standalone', () => {
    const { state } = shown('gil-for-coordinator-responses');
    expect(state.cycle).not.toBeNull();
    const worker = state.cycle!.find((n) => n.startsWith('workers-'))!;
    expect(frames(state, worker).slice(0, 2)).toEqual([
      'RedisModule_ThreadSafeContextLock',
      'rpSafeLoaderNext_Accumulate',
    ]);
    expect(state.stacks.some((s) => s.id.startsWith('search-uv-') || s.id.startsWith('coord-'))).toBe(false);
  });

  it('shows search-uv-1 running a reply callback in its own uv_run, not main', () => {
    const { state } = shown('uv-on-main-thread');
    expect(frames(state, 'search-uv-1')).toContain('uv_run');
    expect(frames(state, 'main')).not.toContain('uv_run');
  });

  for (const id of [
    'shrink-causes-hang',
    'shrink-never-runs',
    'coordinator-needed',
    'drain-fixes',
    'trigger-first-fixes',
    'fail-rate',
    'gradual-reduction-safe',
  ])
    it(`shows ${id} at the step the cycle closes`, () => {
      const show = byId(id).show!;
      const { state, end } = shown(id);
      expect(show.step).toBeLessThanOrEqual(end);
      expect(state.cycle, id).not.toBeNull();
      expect(state.cycle).toContain('gil');
    });

  it('shows the barrier timeout at its crash', () => {
    const { crashStep } = shown('barrier-timeout-safe');
    expect(byId('barrier-timeout-safe').show!.step).toBe(crashStep);
  });
});

describe('the hang rate spread', () => {
  it('is a 95% Wilson interval around the measured share', () => {
    const [lo, hi] = wilson(13, 20);
    expect(lo).toBeCloseTo(0.433, 2);
    expect(hi).toBeCloseTo(0.819, 2);
    expect(wilson(0, 20)[0]).toBe(0);
  });
});
