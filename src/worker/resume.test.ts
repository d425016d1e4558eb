/**
 * Re-simulating from a checkpoint is exact: for random scenarios and edits
 * (commands added, removed, moved or changed, a manual pick, a longer or
 * shorter run), the run picked up before the edit is the fresh run of the
 * edited scenario: spans, waits, messages, logs, notes, verdict, report.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultScenario } from '../incidents/registry';
import { withCommandIds } from '../incidents/commandIds';
import type { Scenario, ScheduledCommand } from '../incidents/module';
import { Session } from './session';
import { divergence } from './resume';

const TEXTS: Record<string, string[]> = {
  'mod-11658': ['FT.CONFIG SET WORKERS 0', 'FT.CONFIG SET WORKERS 2', 'FT.SEARCH idx *', 'PING'],
  'redis-12290': ['PING', 'XADD tasks_queue * f v', 'CLIENT LIST'],
};

const command = (incident: string, until: number) =>
  fc.record({ at: fc.integer({ min: 0, max: until }), text: fc.constantFrom(...TEXTS[incident]) });

/** A small scenario (a few hundred to a few thousand steps, so there are checkpoints to resume from). */
const scenario: fc.Arbitrary<Scenario> = fc.oneof(
  fc
    .record({
      variant: fc.constantFrom('prefix', 'fixed'),
      seed: fc.integer({ min: 1, max: 50 }),
      until: fc.integer({ min: 100, max: 1000 }),
      workers: fc.integer({ min: 1, max: 4 }),
      clients: fc.integer({ min: 2, max: 10 }),
      // Mostly a steady load; sometimes a few queries, after which the server idles and only PING moves.
      queries: fc.oneof(
        { weight: 3, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.integer({ min: 20, max: 400 }) },
      ),
      ping: fc.boolean(),
      pingIntervalMs: fc.constantFrom(10, 25, 100),
    })
    .chain(({ variant, seed, until, ...settings }) =>
      fc.array(command('mod-11658', until), { maxLength: 3 }).map((commands) => {
        const d = defaultScenario('mod-11658');
        return { ...d, variant, seed, until, commands, settings: { ...d.settings, ...settings }, maxSteps: 100_000 };
      }),
    ),
  fc
    .record({
      variant: fc.constantFrom('7.2-rc2', '7.2-rc3', '7.0'),
      seed: fc.integer({ min: 1, max: 50 }),
      until: fc.integer({ min: 2000, max: 20_000 }),
    })
    .chain(({ variant, seed, until }) =>
      fc
        .array(command('redis-12290', until), { maxLength: 3 })
        .map((commands) => ({ ...defaultScenario('redis-12290'), variant, seed, until, commands, maxSteps: 100_000 })),
    ),
);

type Edit =
  | { kind: 'add'; at: number; text: string }
  | { kind: 'remove'; i: number }
  | { kind: 'move'; i: number; at: number }
  | { kind: 'retext'; i: number; text: string }
  | { kind: 'pick'; step: number; move: number }
  | { kind: 'until'; until: number };

const edit = (s: Scenario): fc.Arbitrary<Edit> =>
  fc.oneof(
    command(s.incident, s.until).map((c) => ({ kind: 'add' as const, ...c })),
    fc.nat().map((i) => ({ kind: 'remove' as const, i })),
    fc.record({ i: fc.nat(), at: fc.integer({ min: 0, max: s.until }) }).map((e) => ({ kind: 'move' as const, ...e })),
    fc
      .record({ i: fc.nat(), text: fc.constantFrom(...TEXTS[s.incident]) })
      .map((e) => ({ kind: 'retext' as const, ...e })),
    fc
      .record({ step: fc.integer({ min: 0, max: 1 << 20 }), move: fc.nat() })
      .map((e) => ({ kind: 'pick' as const, ...e })),
    fc.integer({ min: 20, max: s.until * 2 }).map((until) => ({ kind: 'until' as const, until })),
  );

/** The edit as the page makes it (ids kept, a new one for a new command, a pick among the moves there). */
function apply(s: Scenario, e: Edit, run: Session): Scenario {
  const commands: ScheduledCommand[] = withCommandIds(s.commands);
  const i = commands.length ? ('i' in e ? e.i % commands.length : 0) : -1;
  switch (e.kind) {
    case 'add':
      return { ...s, commands: [...commands, { id: `cmd-${commands.length + 9}`, at: e.at, text: e.text }] };
    case 'remove':
      return { ...s, commands: commands.filter((_, j) => j !== i) };
    case 'move':
      return { ...s, commands: commands.map((c, j) => (j === i ? { ...c, at: e.at } : c)) };
    case 'retext':
      return { ...s, commands: commands.map((c, j) => (j === i ? { ...c, text: e.text } : c)) };
    case 'until':
      return { ...s, until: e.until };
    case 'pick': {
      const step = e.step % (run.run.trace.steps + 1);
      const moves = run.stateAt(step).moves;
      if (!moves.length) return s;
      return { ...s, choices: { ...s.choices, [step]: moves[e.move % moves.length].key } };
    }
  }
}

/** Everything the page gets of a run, but the wall time and where it was picked up from. */
const made = (f: () => Session) => {
  try {
    const { wallMs: _w, resumed: _r, ...run } = f().run;
    return run;
  } catch (err) {
    return { error: String(err) };
  }
};

describe('re-simulation from the last checkpoint before an edit', () => {
  it('gives exactly the fresh run of the edited scenario, edit after edit, also from a cancelled run', () => {
    let resumed = 0;
    let cases = 0;
    fc.assert(
      fc.property(
        scenario.chain((s) => fc.tuple(fc.constant(s), fc.array(edit(s), { minLength: 1, maxLength: 3 }), fc.nat())),
        ([s0, edits, cut]) => {
          let s = s0;
          let prev = new Session(s, { run: false });
          // Sometimes the first run was cancelled partway: the next one picks up from what it got.
          prev.advance({ steps: cut % 2 ? Infinity : cut % 3000 });
          prev.finish();
          for (const e of edits) {
            const next = apply(s, e, prev);
            let session: Session | null = null;
            const got = made(() => (session = new Session(next, { previous: prev })));
            expect(got).toEqual(made(() => new Session(next)));
            cases++;
            if (!session) break;
            if ((session as Session).resumed?.step) resumed++;
            [s, prev] = [next, session];
          }
        },
      ),
      { numRuns: 60, seed: 11658 },
    );
    // Most edits leave a start to resume from (the rest start over, as they must).
    expect(resumed).toBeGreaterThan(cases / 3);
  }, 120_000);

  it('the cursor simulation picked up with the run shows the edited run at every step', () => {
    const s: Scenario = { ...defaultScenario('mod-11658'), until: 900, maxSteps: 100_000 };
    const old = new Session(s);
    old.stateAt(old.run.trace.steps);
    const edited = { ...s, commands: [...withCommandIds(s.commands), { id: 'cmd-2', at: 700, text: 'PING' }] };
    const next = new Session(edited, { previous: old });
    next.adoptProbe(old);
    expect(next.resumed!.step).toBeGreaterThan(0);
    const fresh = new Session(edited);
    for (const step of [0, 100, next.resumed!.step, next.run.trace.steps - 3, next.run.trace.steps]) {
      expect(next.stateAt(step)).toEqual(fresh.stateAt(step));
    }
  });

  it('an edit at T resumes before T; a manual pick at step k, at or before k; other settings start over', () => {
    const s: Scenario = { ...defaultScenario('mod-11658'), until: 900, commands: withCommandIds([]) };
    const old = new Session(s);
    const add = new Session({ ...s, commands: [{ id: 'cmd-1', at: 600, text: 'PING' }] }, { previous: old });
    expect(add.resumed!.t).toBeLessThan(600);
    expect(add.resumed!.t).toBeGreaterThan(500);
    const k = 5000;
    const key = add.stateAt(k).moves[0].key;
    const pick = new Session({ ...add.scenario, choices: { [k]: key } }, { previous: add });
    expect(pick.resumed!.step).toBeLessThanOrEqual(k);
    expect(pick.resumed!.step).toBeGreaterThan(k - 600);
    expect(new Session({ ...s, seed: 2 }, { previous: pick }).resumed).toBeNull();
    expect(divergence(s, { ...s, settings: { ...s.settings, workers: 3 } })).toBeNull();
    expect(divergence(s, { ...s, untimed: true })).toBeNull();
  });

  it('taking away the command that alone kept an idle run going resumes before it: the run now ends early', () => {
    // 200 queries are done by about 50 ms; then only the PING (background) and redis-cli's next command move.
    const d = defaultScenario('mod-11658');
    const s: Scenario = {
      ...d,
      variant: 'fixed',
      until: 900,
      maxSteps: 100_000,
      settings: { ...d.settings, queries: 200, pingIntervalMs: 1 },
      commands: [
        { id: 'cmd-1', at: 100, text: 'FT.CONFIG SET WORKERS 2' },
        { id: 'cmd-2', at: 800, text: 'PING' },
      ],
    };
    const removed = { ...s, commands: [s.commands[0]] };
    const fresh = new Session(removed);
    expect(fresh.run.trace.endT).toBeLessThan(101);
    const r = new Session(removed, { previous: new Session(s) });
    expect(r.resumed!.t).toBeLessThan(100);
    expect(made(() => r)).toEqual(made(() => fresh));
    // Moved instead, the command still keeps the run going: it resumes just before its old moment.
    const moved = { ...s, commands: [s.commands[0], { ...s.commands[1], at: 850 }] };
    const m = new Session(moved, { previous: new Session(s) });
    expect(m.resumed!.t).toBeGreaterThan(700);
    expect(made(() => m)).toEqual(made(() => new Session(moved)));
  });

  it('a run simulated in slices of any size is the run simulated in one go', () => {
    const s: Scenario = { ...defaultScenario('mod-11658'), until: 700, maxSteps: 100_000 };
    const whole = made(() => new Session(s));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 8 }), (slices) => {
        const sliced = new Session(s, { run: false });
        for (let i = 0; !sliced.advance({ steps: slices[i % slices.length] }); i++) continue;
        sliced.finish();
        expect(made(() => sliced)).toEqual(whole);
      }),
      { numRuns: 4 },
    );
  });
});
