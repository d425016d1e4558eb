/** Every tour chapter, run as the page runs it: its mark is found, and the run shows what the chapter says. */
import { describe, expect, it } from 'vitest';
import { packTrace } from '../engine/packed';
import { coreOf } from '../incidents/cores';
import { INCIDENTS, scenarioOver } from '../incidents/registry';
import type { TourChapter } from '../incidents/module';
import { Session } from '../worker/session';
import { resolveMark } from './resolve';

function play(incident: string, chapter: TourChapter) {
  const scenario = scenarioOver(incident, chapter.scenario);
  const core = coreOf(incident);
  const sim = core.createSimulation(scenario);
  sim.run({ until: scenario.until });
  const fates = () => {
    const gen = new Session(scenario).fateBand();
    let r = gen.next();
    while (!r.done) r = gen.next();
    return r.value;
  };
  const facts = {
    trace: packTrace(sim),
    verdictStep: sim.verdict?.step,
    crashStep: sim.crash?.step,
    fates: chapter.at.kind === 'pointOfNoReturn' ? fates() : null,
  };
  return { scenario, sim, report: core.report(sim), step: resolveMark(chapter.at, facts) };
}

const chapter = (incident: string, id: string) =>
  INCIDENTS.find((i) => i.id === incident)!.ui.tour!.find((c) => c.id === id)!;

describe('tour', () => {
  for (const info of INCIDENTS)
    for (const c of info.ui.tour ?? [])
      it(`${info.id} \u00b7 ${c.title}: its moment is in its run`, () => {
        const { step, sim } = play(info.id, c);
        expect(step).not.toBeNull();
        expect(step!).toBeGreaterThanOrEqual(0);
        expect(step!).toBeLessThanOrEqual(sim.step);
        if (c.at.kind === 'verdict') expect(sim.verdict ?? sim.crash).toBeTruthy();
      });

  it('every glossary term the narration uses is one it defines, and at least one is used per incident', () => {
    for (const info of INCIDENTS) {
      const terms = Object.keys(info.ui.glossary ?? {});
      const text = (info.ui.tour ?? []).flatMap((c) => c.text).join(' ');
      expect(terms.some((t) => text.includes(t))).toBe(true);
    }
  });

  it('MOD-11658: the small run and the full load deadlock through the GIL; the full load leaves one worker loading', () => {
    for (const id of ['small-cycle', 'full-load']) {
      const { report } = play('mod-11658', chapter('mod-11658', id));
      expect(report.outcome).toBe('deadlock');
      expect(report.cycle).toContain('gil');
    }
    const { sim } = play('mod-11658', chapter('mod-11658', 'full-load'));
    const states = sim
      .actors()
      .filter((a) => a.id.startsWith('workers-'))
      .map((a) => sim.metaOf(a.id)?.span);
    expect(states.filter((s) => s === 'waitGil')).toHaveLength(1);
    expect(states.filter((s) => s === 'barrier')).toHaveLength(7);
  });

  it('MOD-11658: trigger-first still hangs; the fix answers OK', () => {
    expect(play('mod-11658', chapter('mod-11658', 'wrong-turns')).report.outcome).toBe('deadlock');
    const fixed = play('mod-11658', chapter('mod-11658', 'fixes')).report;
    expect(fixed.outcome).toBe('ok');
    expect(fixed.replies.map((r) => r.reply)).toEqual(['OK']);
  });

  it('Redis #12290: two readers end the walk, three loop for ever, and the fix ends it', () => {
    expect(play('redis-12290', chapter('redis-12290', 'two-readers')).report.outcome).toBe('ok');
    expect(play('redis-12290', chapter('redis-12290', 'three-readers')).report.outcome).toBe('livelock');
    expect(play('redis-12290', chapter('redis-12290', 'fix')).report.outcome).toBe('ok');
  });
});
