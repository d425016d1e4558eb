/**
 * What the incidents' reproduction scripts share: Python literals for the
 * scenario's values, the operator's commands as a schedule of argument lists
 * (split as redis-cli splits them), the words for what Lockstep's own run of
 * the scenario came to, and a file name Python can import. Pure text: the
 * page's main bundle reads it (no engine, no machines).
 */
import type { RunReport, Scenario } from '../module';
import { tokenize } from './tokenize';
import { parseKill } from './signals';

/** A Python string literal (JSON's escapes are all valid in Python). */
export const pyStr = (s: string): string => JSON.stringify(s);

/** A number as Python reads it back exactly (no float noise from ms -> s). */
export const pyNum = (n: number): string =>
  Number.isFinite(n) ? String(Number(n.toPrecision(12))) : n > 0 ? "float('inf')" : "float('-inf')";

export function pyValue(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return pyNum(v);
  if (typeof v === 'string') return pyStr(v);
  if (Array.isArray(v)) return `[${v.map(pyValue).join(', ')}]`;
  throw new Error(`no Python literal for ${typeof v}`);
}

/** Virtual ms as Python seconds. */
export const seconds = (ms: number): string => pyNum(ms / 1000);

/** Letters, digits and `_` only: a module name Python (and RLTest) can import. */
export const pyIdent = (s: string): string => s.replace(/[^A-Za-z0-9_]+/g, '_');

/** `seed1`, `seedm3` for -3 (a dash would break the module name). */
export const seedTag = (seed: number): string => `seed${seed < 0 ? 'm' : ''}${Math.abs(seed)}`;

export interface ScheduledArgs {
  at: number;
  text: string;
  args: string[];
}

/**
 * The operator's commands in time order, split into arguments. A line that
 * redis-cli itself refuses (an unbalanced quote) never reached the server in
 * the run either: it is left out, and named in `refused`.
 */
export function schedule(s: Scenario): { sent: ScheduledArgs[]; refused: string[]; shell: string[] } {
  const sent: ScheduledArgs[] = [];
  const refused: string[] = [];
  // A kill is the operator's, not the test's: a hung server is ended by the test's own timeout.
  const shell: string[] = [];
  for (const c of [...s.commands].sort((a, b) => a.at - b.at)) {
    if (parseKill(c.text, 0)) {
      shell.push(c.text);
      continue;
    }
    const args = tokenize(c.text);
    if (args && args.length) sent.push({ at: c.at, text: c.text, args });
    else refused.push(c.text);
  }
  return { sent, refused, shell };
}

/** `COMMANDS = [...]` as Python: (seconds after the start, the line as typed, its arguments). */
export function pyCommands(sent: readonly ScheduledArgs[]): string {
  if (!sent.length) return 'COMMANDS = []';
  const rows = sent.map((c) => `    (${seconds(c.at)}, ${pyStr(c.text)}, ${pyValue(c.args)}),`);
  return ['COMMANDS = [', '    # (seconds after the start, the line as typed, its arguments)', ...rows, ']'].join('\n');
}

/** Virtual ms to the microsecond, for a comment. */
const ms = (t: number) => `${pyNum(Number(t.toFixed(3)))} ms`;

/** What Lockstep's run of the scenario came to, in comment lines (none without a report). */
export function runSummary(report: RunReport | undefined): string[] {
  if (!report) return [];
  const fate =
    report.outcome === 'deadlock'
      ? `deadlock at ${ms(report.deadlockAt ?? NaN)} (${report.cycle.join(' -> ')})`
      : report.outcome === 'livelock'
        ? `endless loop proved at ${ms(report.livelockAt ?? NaN)} (${report.cycle.join(', ')})`
        : report.outcome === 'crash'
          ? `crash at ${ms(report.crashAt ?? NaN)}`
          : 'no hang';
  const replies = report.replies.map(
    (r) =>
      `  at ${ms(r.at)} ${r.command} -> ${
        r.clientError ? `refused by redis-cli: ${r.clientError}` : r.reply === null ? 'no reply' : oneLine(r.reply)
      }`,
  );
  return [`Lockstep's run of it: ${fate}.`, ...replies];
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ');

/** Comment text safe inside a Python triple-quoted docstring. */
export const docText = (lines: readonly string[]): string =>
  lines.map((l) => l.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"')).join('\n');

/** What a script cannot replay: the run's hand-picked moves and the explorer's untimed semantics. */
export function caveats(s: Scenario): string[] {
  const out: string[] = [];
  const picks = Object.keys(s.choices ?? {}).length;
  if (picks)
    out.push(
      `The run had ${picks} hand-picked move${picks === 1 ? '' : 's'}; a real server's threads are scheduled by its OS, so this script cannot replay them.`,
    );
  if (s.untimed) out.push("The run used the explorer's untimed semantics; this script runs in real time.");
  return out;
}
