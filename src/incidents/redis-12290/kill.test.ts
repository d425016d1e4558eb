import { describe, expect, it } from 'vitest';
import { run } from './test-helpers';

describe('#12290: the kill -9 the reporter needed', () => {
  it('ends the endless walk; a SIGSEGV first writes the crash report with main inside handleClientsBlockedOnKey', () => {
    const r = run({ variant: '7.2-rc2', config: { commands: [{ at: 1800, text: 'kill -11 1' }] } });
    expect(r.report.outcome).toBe('livelock');
    expect(r.sim.crash?.message).toBe('redis-server (pid 1) was killed by signal 11 (SIGSEGV) from PID 2');
    const log = r.report.log;
    const at = log.findIndex((l) => l.endsWith('# Redis 7.1.241 crashed by signal: 11, si_code: 0'));
    expect(at).toBeGreaterThan(0);
    expect(log[at - 1]).toBe('=== REDIS BUG REPORT START: Cut & paste starting from here ===');
    expect(log).toContain('redis-server *:6379(handleClientsBlockedOnKey)');
    expect(log).toContain('1/1 expected stacktraces.');
    // No INFO or CLIENT LIST: this incident does not print them from its run.
    expect(log).not.toContain('------ INFO OUTPUT ------');
  });

  it('kill -9 leaves no crash report; a bad pid is refused as bash refuses it, and the run goes on', () => {
    const nine = run({ variant: '7.2-rc2', config: { commands: [{ at: 1800, text: 'kill -9 1' }] } });
    expect(nine.report.log.some((l) => l.includes('crashed by signal'))).toBe(false);
    expect(nine.report.replies[0].reply).toBe('(redis-server, pid 1, was sent SIGKILL)');
    const bad = run({ variant: '7.0', config: { commands: [{ at: 1800, text: 'kill -9 77' }] } });
    expect(bad.report.replies[0].reply).toBe('bash: kill: (77) - No such process');
    expect(bad.sim.crash).toBeNull();
  });
});
