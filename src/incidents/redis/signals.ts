/**
 * `kill` as an operator types it at a shell next to redis-cli: the signals a
 * postmortem needs (SIGKILL, what production's on-call sent; SIGSEGV, what
 * the test framework sends to get a crash report), with bash's own words
 * for a bad line. Not a Redis command: it never reaches the server.
 */
import { tokenize } from './tokenize';

export interface Signal {
  number: 9 | 11;
  name: 'SIGKILL' | 'SIGSEGV';
}

const SIGNALS: Record<string, Signal> = {
  '9': { number: 9, name: 'SIGKILL' },
  KILL: { number: 9, name: 'SIGKILL' },
  SIGKILL: { number: 9, name: 'SIGKILL' },
  '11': { number: 11, name: 'SIGSEGV' },
  SEGV: { number: 11, name: 'SIGSEGV' },
  SIGSEGV: { number: 11, name: 'SIGSEGV' },
};

/** The shell's other signals, known but not simulated (SIGTERM would need Redis's shutdown path). */
const KNOWN = new Set(['1', '2', '3', '15', 'HUP', 'INT', 'QUIT', 'TERM', 'SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGTERM']);

export type ParsedKill = { ok: true; signal: Signal } | { ok: false; error: string };

/** null when the line is not a `kill` at all. */
export function parseKill(line: string, pid: number): ParsedKill | null {
  // The usual way to name the server's pid at a shell.
  const args = tokenize(line.replace(/\$\(pidof redis-server\)/g, String(pid)));
  if (!args || args[0] !== 'kill') return null;
  let rest = args.slice(1);
  let sig = '15';
  if (rest[0] === '-s' || rest[0] === '-n') {
    if (rest.length < 2) return { ok: false, error: `bash: kill: ${rest[0]}: option requires an argument` };
    sig = rest[1].toUpperCase();
    rest = rest.slice(2);
  } else if (rest[0]?.startsWith('-')) {
    sig = rest[0].slice(1).toUpperCase();
    rest = rest.slice(1);
  }
  if (!rest.length) return { ok: false, error: 'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid' };
  for (const p of rest) {
    if (!/^\d+$/.test(p)) return { ok: false, error: `bash: kill: ${p}: arguments must be process or job IDs` };
    if (Number(p) !== pid) return { ok: false, error: `bash: kill: (${p}) - No such process` };
  }
  const signal = SIGNALS[sig];
  if (signal) return { ok: true, signal };
  if (KNOWN.has(sig))
    return { ok: false, error: `Lockstep simulates kill -9 (SIGKILL) and kill -11 (SIGSEGV); ${sig} is not modelled` };
  return { ok: false, error: `bash: kill: ${sig}: invalid signal specification` };
}

/** The page's check of a console line: a kill is judged here, anything else by the incident's parser. */
export function checkLine(
  text: string,
  pid: number,
  parse: (text: string) => { ok: true } | { ok: false; clientError: string },
): { ok: true } | { ok: false; clientError: string } {
  const kill = parseKill(text, pid);
  if (!kill) return parse(text);
  return kill.ok ? { ok: true } : { ok: false, clientError: kill.error };
}
