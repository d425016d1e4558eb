/** Command ids: derived from list order when absent (as links carry none), stable and fresh when added. */
import { describe, expect, it } from 'vitest';
import { nextCommandId, replyById, withCommandIds } from './commandIds';
import { coreOf } from './cores';
import { defaultScenario } from './registry';

describe('command ids', () => {
  it('fills in cmd-<n> by list order, and leaves a fully named list as it is', () => {
    const cs = [
      { at: 9, text: 'PING' },
      { at: 1, text: 'PING' },
    ];
    expect(withCommandIds(cs).map((c) => c.id)).toEqual(['cmd-1', 'cmd-2']);
    const named = withCommandIds(cs);
    expect(withCommandIds(named)).toBe(named);
  });

  it('never gives a missing id a name already in use', () => {
    const ids = withCommandIds([
      { at: 0, text: 'A', id: 'cmd-2' },
      { at: 1, text: 'B' },
      { at: 2, text: 'C' },
    ]);
    expect(new Set(ids.map((c) => c.id)).size).toBe(3);
    expect(ids[0].id).toBe('cmd-2');
  });

  it('a new id is past every id in the schedule and every id still referred to', () => {
    expect(nextCommandId([])).toBe('cmd-1');
    expect(
      nextCommandId([
        { at: 0, text: 'A' },
        { at: 0, text: 'B', id: 'cmd-7' },
      ]),
    ).toBe('cmd-8');
    // A command removed from the schedule but still in the console keeps its id to itself.
    expect(nextCommandId([{ at: 0, text: 'A', id: 'cmd-1' }], ['cmd-4'])).toBe('cmd-5');
  });

  for (const incident of ['mod-11658', 'redis-12290']) {
    it(`${incident}: each reply carries the id of its scheduled command, whatever the order in time`, () => {
      const s = defaultScenario(incident);
      const commands = [
        { at: 30, text: 'PING', id: 'cmd-9' },
        { at: 10, text: 'PING', id: 'cmd-3' },
      ];
      const core = coreOf(incident);
      const sim = core.createSimulation({ ...s, until: 60, commands });
      sim.run({ until: 60 });
      const replies = core.report(sim).replies;
      expect(replyById(replies, 'cmd-3')?.at).toBe(10);
      expect(replyById(replies, 'cmd-9')?.at).toBe(30);
      // Without ids, the operator names them as a link's order does.
      const plain = core.createSimulation({
        ...s,
        until: 60,
        commands: commands.map(({ at, text }) => ({ at, text })),
      });
      plain.run({ until: 60 });
      expect(core.report(plain).replies.map((r) => [r.id, r.at])).toEqual([
        ['cmd-2', 10],
        ['cmd-1', 30],
      ]);
    });
  }
});
