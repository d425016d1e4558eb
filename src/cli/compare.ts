/**
 * `npm run sim -- compare --variants a,b,... [run options]`: one scenario,
 * several variants, a verdict table and where the runs part.
 */
import { formatMs } from '../engine/duration';
import { compareVariants } from '../incidents/compare';
import { infoOf } from '../incidents/registry';
import { incidentOf, parseOptions, UsageError } from './options';

export function runCompare(argv: readonly string[]): string {
  const rest = [...argv];
  const i = rest.indexOf('--variants');
  const all = infoOf(incidentOf(argv)).variants.map((v) => v.id);
  let variants = all;
  if (i >= 0) {
    const raw = rest[i + 1];
    rest.splice(i, 2);
    variants = (raw ?? '')
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
    const bad = variants.filter((v) => !all.includes(v));
    if (!variants.length || bad.length) {
      throw new UsageError(`--variants must be a comma-separated list of ${all.join(', ')} (got '${raw ?? ''}')`);
    }
  }
  const { scenario, json } = parseOptions(rest);
  const runs = compareVariants(scenario, variants);
  if (json)
    return JSON.stringify({ seed: scenario.seed, until: scenario.until, commands: scenario.commands, runs }, null, 2);
  const head = ['variant', 'outcome', 'at', 'replies', 'pending at end', `diverges from ${variants[0]}`];
  const rows = runs.map((r) => [
    r.variant,
    r.outcome,
    r.at === null ? '-' : formatMs(r.at),
    r.replies.map((x) => (x === null ? '(none)' : x.split('\n')[0])).join('; ') || '-',
    String(r.pending),
    r.divergesAt
      ? `step ${r.divergesAt.step} (${formatMs(r.divergesAt.t)})`
      : r.variant === variants[0]
        ? '-'
        : 'never',
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((x, c) => x.padEnd(widths[c])).join('  ');
  return [
    `Lockstep compare \u00b7 seed ${scenario.seed} \u00b7 ${scenario.commands.map((c) => `${formatMs(c.at)}: ${c.text}`).join(', ') || 'no commands'}`,
    line(head),
    ...rows.map(line),
  ].join('\n');
}
