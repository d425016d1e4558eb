/** The runner's human-readable summary of a report. */
import { formatMs } from '../engine/duration';
import type { Scenario } from '../incidents/mod-11658/scenario';
import type { RunReport } from '../incidents/mod-11658/report';

export function summary(s: Scenario, r: RunReport, wallMs: number): string {
  const c = s.config;
  const lines: string[] = [];
  const topology = c.shards > 1 ? `${c.shards}-shard cluster` : 'standalone';
  lines.push(`Lockstep \u00b7 MOD-11658 \u00b7 variant ${r.variant} \u00b7 seed ${r.seed}`);
  lines.push(
    `WORKERS ${c.workers} \u00b7 ${c.clients} clients \u00b7 ${topology} \u00b7 load fraction ${c.loadFraction} \u00b7 ` +
      `until ${Number.isFinite(s.until) ? formatMs(s.until) : 'the load ends'}`,
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
  if (r.outcome === 'deadlock') {
    lines.push(`Outcome: DEADLOCK at ${formatMs(r.deadlockAt!)} (${r.deadlockWallClock})`);
    lines.push(`  Cycle: ${[...r.cycle, r.cycle[0]].join(' -> ')}`);
    lines.push(`  ${r.explanation}`);
  } else if (r.outcome === 'crash') {
    lines.push(`Outcome: CRASH at ${formatMs(r.crashAt!)}`);
    lines.push(`  ${r.explanation}`);
  } else {
    lines.push(`Outcome: ok (no deadlock). ${r.explanation}`);
  }
  const st = r.stats;
  const ping = st.ping.pendingSinceMs !== null ? `, one PING unanswered since ${formatMs(st.ping.pendingSinceMs)}` : '';
  lines.push(
    `Queries: ${st.sent} sent, ${st.completed} completed, ${st.pending} pending \u00b7 PING: ${st.ping.completed}/${st.ping.sent} answered${ping}`,
  );
  lines.push('');
  lines.push('Redis log');
  for (const l of r.log) lines.push(`  ${l}`);
  lines.push('');
  lines.push('Call stacks (innermost first)');
  for (const [id, frames] of Object.entries(r.stacks)) {
    if (id.startsWith('coord-') && frames[0] === 'pthread_cond_wait' && frames[1] === 'priority_queue_pull') continue;
    lines.push(`  ${id}: ${frames.join(' < ')}`);
  }
  lines.push('');
  lines.push(`Steps: ${r.steps} (simulated ${formatMs(r.virtualTimeMs)} in ${formatMs(wallMs)} of wall time)`);
  return lines.join('\n');
}
