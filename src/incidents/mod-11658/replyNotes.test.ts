/** Why WORKERS 0 answers at once on a pool that never ran a job: said next to the reply and in the outcome, from the run. */
import { describe, expect, it } from 'vitest';
import { run } from './test-helpers';

const workers0 = (at: number, variant = 'prefix') =>
  run({ variant, until: at + 100, config: { commands: [{ at, text: 'FT.CONFIG SET WORKERS 0' }] } }).report;

describe('reply notes', () => {
  it('at 0 ms the pool has run no job: OK at once, and the reply and the outcome say why', () => {
    const r = workers0(0);
    expect(r.outcome).toBe('ok');
    expect(r.replies[0].reply).toBe('OK');
    expect(r.replies[0].note).toMatch(/run no job yet.*redisearch_thpool_terminate_when_empty returns at once/);
    expect(r.explanation).toContain(r.replies[0].note);
  });

  it('the same command once queries reach the workers hangs, with no such note', () => {
    const r = workers0(500);
    expect(r.outcome).toBe('deadlock');
    expect(r.replies[0].note).toBeUndefined();
  });

  it('the words come from the run, not the text: CONFIG SET search-workers 0 gets them too, and the fix', () => {
    const cfg = run({ until: 100, config: { commands: [{ at: 0, text: 'CONFIG SET search-workers 0' }] } }).report;
    expect(cfg.replies[0].note).toMatch(/run no job yet/);
    expect(workers0(0, 'fixed').replies[0].note).toMatch(/run no job yet/);
  });

  it('a refused command has no note', () => {
    const r = run({ until: 50, config: { commands: [{ at: 0, text: 'FT.CONFIG SET WORKERS -1' }] } }).report;
    expect(r.replies[0].note).toBeUndefined();
  });

  it('speaks of its own command only: a later WORKERS 0 that hangs the run does not contradict it', () => {
    const cmds = [
      { at: 0, text: 'FT.CONFIG SET WORKERS 0' },
      { at: 100, text: 'FT.CONFIG SET WORKERS 8' },
      { at: 101, text: 'FT.CONFIG SET WORKERS 0' },
    ];
    const r = run({ until: 300, config: { commands: cmds } }).report;
    expect(r.outcome).toBe('deadlock');
    expect(r.replies[0].note).toMatch(/this resize cannot hang/);
    expect(r.replies[0].note).not.toMatch(/no deadlock|see the hang/);
    expect(r.replies.slice(1).map((x) => x.note)).toEqual([undefined, undefined]);
  });
});
