/** The point-of-no-return band as the page gets it: sampled futures for timed runs. */
import { describe, expect, it } from 'vitest';
import { pointOfNoReturn, sampleFutures, type FateSample } from '../engine/futures';
import { transferables } from '../engine/packed';
import { badState } from '../engine/explorer';
import { settled } from '../incidents/mod-11658/settled';
import { coreOf } from '../incidents/cores';
import { presetScenario } from '../incidents/registry';
import type { Scenario } from '../incidents/module';
import { UI_MAX_STEPS } from '../store/appStore';
import { Session } from './session';

const preset = (id: string): Scenario => ({ ...presetScenario('mod-11658', id)!, maxSteps: UI_MAX_STEPS });
const createSimulation = (s: Scenario) =>
  coreOf(s.incident).createSimulation(s) as never as ReturnType<
    typeof import('../incidents/mod-11658/scenario').createSimulation
  >;

function band(session: Session): FateSample[] {
  const gen = session.fateBand();
  let r = gen.next();
  while (!r.done) r = gen.next();
  return r.value;
}

describe('the sampled point of no return', () => {
  const regression = new Session(preset('regression'));
  const samples = band(regression);
  const verdict = regression.run.verdict!;

  it('finds the step from which every sampled future hangs, at or before the cycle closes, and stays there', () => {
    const at = pointOfNoReturn(samples);
    expect(at).toBeGreaterThan(0);
    expect(samples[at].step).toBeLessThanOrEqual(verdict.step);
    expect(samples.slice(at).every((s) => s.fate === 'inevitable' && s.hangs === s.futures)).toBe(true);
    // Just before it, some futures still end well: the bisection found the step where it tips.
    expect(samples[at - 1].fate).toBe('possible');
    expect(samples[at - 1].hangs).toBeLessThan(samples[at - 1].futures);
    // The closing of the cycle is a known fact, not a sample.
    expect(samples.find((s) => s.step === verdict.step)).toMatchObject({ exact: true, fate: 'inevitable' });
  });

  it('starts a little before the command and covers the run to its end, in step order', () => {
    expect(samples[0].t).toBeGreaterThan(400);
    expect(samples[0].t).toBeLessThan(500);
    expect(samples.at(-1)!.step).toBe(regression.run.trace.steps);
    expect(samples.every((s, i) => i === 0 || s.step > samples[i - 1].step)).toBe(true);
  });

  it('is the same every time, also after the trace has moved to the page (as the worker does)', () => {
    const again = new Session(preset('regression'));
    structuredClone(again.run.trace, { transfer: transferables(again.run.trace) });
    expect(again.run.trace.stepTimes.length).toBe(0);
    expect(band(again)).toEqual(samples);
  });

  it('with the fix, no sampled future hangs', () => {
    const fixed = band(new Session(preset('regression-fixed')));
    expect(fixed.length).toBeGreaterThan(10);
    expect(fixed.every((s) => s.fate === 'impossible' && s.hangs === 0)).toBe(true);
  });

  it('a run is settled once every command of redis-cli has been answered, and not while one hangs', () => {
    const fixed = createSimulation({ ...preset('regression-fixed'), record: false });
    fixed.run({ until: 400 });
    expect(settled(fixed.view)).toBe(false);
    fixed.run({ until: 600 });
    expect(settled(fixed.view)).toBe(true);
    const prefix = createSimulation({ ...preset('regression'), record: false });
    prefix.run({ until: 600 });
    expect(badState(prefix)?.kind).toBe('deadlock');
    expect(settled(prefix.view)).toBe(false);
  });

  it('sampling futures leaves the world where it was', () => {
    const sc = preset('regression');
    const sim = createSimulation({ ...sc, record: false });
    sim.run({ until: 495 });
    const before = [sim.stateKey(), sim.view.t, sim.view.step];
    const c = sampleFutures(sim, { count: 5, until: 510, seed: 3 });
    expect([sim.stateKey(), sim.view.t, sim.view.step]).toEqual(before);
    expect(c.hangs + c.crashes).toBeLessThanOrEqual(5);
  });
});
