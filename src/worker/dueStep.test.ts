/** A manual pick of a move due later runs what is due before it first, as the scheduler would: nothing is skipped. */
import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../incidents/registry';
import type { Scenario } from '../incidents/module';
import { Session } from './session';

const scenario: Scenario = { ...defaultScenario('mod-11658'), until: 300, commands: [] };

describe('Session.dueStep', () => {
  const plain = new Session(scenario);
  const at0 = plain.stateAt(0);
  const soonest = Math.min(...at0.moves.map((m) => m.at));

  it('a move due now is picked at the same step', () => {
    const now = at0.moves.find((m) => m.at <= soonest)!;
    expect(plain.dueStep(0, now.key)).toEqual({ step: 0, ran: 0 });
  });

  it("the monitoring PING, due later, is picked where it falls due, after the clients' moves before it", () => {
    const ping = at0.moves.find((m) => m.actor === 'ping')!;
    expect(ping.at).toBeGreaterThan(soonest);
    const r = plain.dueStep(0, ping.key);
    if ('error' in r) throw new Error(r.error);
    expect(r.ran).toBeGreaterThan(0);
    const picked = new Session({ ...scenario, choices: { [r.step]: ping.key } });
    // Up to the pick the run is the scheduler's own: every client's move on time.
    const upTo = (s: Session) => Array.from(s.run.trace.stepTimes.slice(0, r.step + 1));
    expect(upTo(picked)).toEqual(upTo(plain));
    expect(picked.run.trace.stepTimes[r.step + 1]).toBeCloseTo(ping.at, 6);
  });

  it('says so when the move is due after the run ends', () => {
    const short = new Session({ ...scenario, until: 20 });
    const ping = short.stateAt(0).moves.find((m) => m.actor === 'ping')!;
    expect(short.dueStep(0, ping.key)).toEqual({ error: expect.stringContaining('after the run ends') });
  });

  it("untimed (the explorer's semantics), any pending move is taken at once: nothing runs before it", () => {
    const untimed = new Session({ ...scenario, untimed: true, until: 60 });
    const moves = untimed.stateAt(0).moves;
    const later = moves.find((m) => m.at > Math.min(...moves.map((x) => x.at)))!;
    expect(later).toBeDefined();
    expect(untimed.dueStep(0, later.key)).toEqual({ step: 0, ran: 0 });
  });
});
