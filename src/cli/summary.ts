/** The runner's human-readable summary of a report, for any incident. */
import { formatMs } from '../engine/duration';
import { coreOf } from '../incidents/cores';
import { infoOf } from '../incidents/registry';
import type { RunReport, Scenario } from '../incidents/module';

export function summary(s: Scenario, r: RunReport, wallMs: number): string {
  const info = infoOf(s.incident);
  const lines: string[] = [];
  lines.push(`Lockstep \u00b7 ${info.name} \u00b7 variant ${r.variant} \u00b7 seed ${r.seed}`);
  const shown = info.settings.list.filter((f) => f.form);
  lines.push(
    [
      ...shown.map((f) => `${f.label} ${s.settings[f.key]}`),
      `until ${Number.isFinite(s.until) ? formatMs(s.until) : 'the end'}`,
    ].join(' \u00b7 '),
  );
  lines.push('');
  if (r.replies.length) {
    lines.push('Commands (redis-cli)');
    for (const x of r.replies) {
      const reply =
        x.reply === null ? '(no reply: the server never answered)' : x.reply.replace(/\n/g, '\n' + ' '.repeat(14));
      lines.push(`  ${formatMs(x.at).padEnd(10)}  ${x.command}`);
      lines.push(`  ${''.padEnd(10)}  -> ${reply}`);
    }
    lines.push('');
  }
  const wall = typeof r.deadlockWallClock === 'string' ? ` (${r.deadlockWallClock})` : '';
  if (r.outcome === 'deadlock') {
    lines.push(`Outcome: DEADLOCK at ${formatMs(r.deadlockAt!)}${wall}`);
    lines.push(`  Cycle: ${[...r.cycle, r.cycle[0]].join(' -> ')}`);
    lines.push(`  ${r.explanation}`);
  } else if (r.outcome === 'livelock') {
    lines.push(`Outcome: LIVELOCK (endless loop) from ${formatMs(r.livelockAt!)}${wall}`);
    lines.push(`  Looping: ${r.cycle.join(', ')}`);
    lines.push(`  ${r.explanation}`);
  } else if (r.outcome === 'crash') {
    lines.push(`Outcome: CRASH at ${formatMs(r.crashAt!)}`);
    lines.push(`  ${r.explanation}`);
  } else {
    lines.push(`Outcome: ok (no hang). ${r.explanation}`);
  }
  lines.push(...coreOf(s.incident).summarize(r));
  lines.push('');
  lines.push('Redis log');
  for (const l of r.log) lines.push(`  ${l}`);
  lines.push('');
  lines.push('Call stacks (innermost first)');
  for (const [id, frames] of Object.entries(r.stacks)) {
    // Idle pool threads all show the same wait: listing each says nothing.
    if (frames[0] === 'pthread_cond_wait' && frames[1] === 'priority_queue_pull') continue;
    lines.push(`  ${id}: ${frames.join(' < ')}`);
  }
  lines.push('');
  lines.push(`Steps: ${r.steps} (simulated ${formatMs(r.virtualTimeMs)} in ${formatMs(wallMs)} of wall time)`);
  if (r.truncated) lines.push(`Stopped at the step limit (--max-steps ${r.steps}): the run did not reach its end.`);
  return lines.join('\n');
}
