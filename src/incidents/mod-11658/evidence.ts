/**
 * The evidence an operator would have pulled from the server, computed from
 * the run as far as it has gone, in Redis's own formats: `CLIENT LIST`
 * (redis `catClientInfoString`), `INFO` with its Clients and Commandstats
 * sections (`genRedisInfoString`), and the threads as `ps -T` shows them,
 * with each thread's CPU time from its simulated spans. Fields the model has
 * no value for (addresses, fds, memory) are left out, never made up. On a
 * hung server nobody could run these: the crash report prints the first two
 * (`printCrashReport`), and the page shows them as if someone could.
 */
import type { Simulation } from '../../engine/simulation';
import type { Span } from '../../engine/trace';
import type { EvidenceView } from '../module';
import type { Mod11658Config } from './config';
import type { Mod11658Shared } from './index';
import { CLOCKS } from './config';
import { buildOf } from './builds';
import { info } from './info';
import { isServerThread } from './threads';

type Sim = Simulation<Mod11658Config, Mod11658Shared>;

/** Main is back in its event loop: the command's `call()` has returned. */
const OUT_OF_CALL = new Set(['awake', 'processed', 'beforeSleep', 'sleeping', 'polled', 'acquiringGil']);
const CPU = new Set(info.ui.spanKinds.filter((k) => k.cpu).map((k) => k.id));

/** The command table's name: subcommands as `config|set`, Redis's own in lower case, a module's as registered. */
export function commandName(text: string): string | null {
  const [a, b] = text.trim().split(/\s+/);
  if (!a) return null;
  const up = a.toUpperCase();
  if (up.startsWith('FT.') || up.startsWith('_FT.')) return up;
  if (up === 'CONFIG' && b) return `config|${b.toLowerCase()}`;
  return a.toLowerCase();
}

interface Call {
  id: string;
  client: string;
  name: string | null;
  start: number;
  /** When call() returned; null while main is still inside it. */
  end: number | null;
}

/** The first span of main after `from` that is out of call(), by binary search then a short walk. */
function callEnd(main: readonly Span[], fromStep: number): number | null {
  let lo = 0;
  let hi = main.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (main[mid].startStep <= fromStep) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < main.length; i++) if (OUT_OF_CALL.has(main[i].state)) return main[i].start;
  return null;
}

function callsOf(sim: Sim): Call[] {
  const main = sim.trace.lanes.get('main') ?? [];
  const out: Call[] = [];
  for (const n of sim.trace.notes) {
    if (n.kind !== 'call') continue;
    const d = n.data as { id: string; client: string; text: string };
    out.push({ id: d.id, client: d.client, name: commandName(d.text), start: n.t, end: callEnd(main, n.step) });
  }
  return out;
}

interface Conn {
  client: string;
  ctime: number;
  last: number;
  cmd: string | null;
  totCmds: number;
  /** Its command returned from call() without a reply: a module blocked it (a worker runs the query). */
  blocked: boolean;
  /** redis-cli's one-shot connection closes once its reply is read. */
  closed: boolean;
}

function connections(sim: Sim, calls: readonly Call[]): Conn[] {
  const byClient = new Map<string, Conn>();
  const replied = new Map<string, number>();
  for (const m of sim.trace.messages) if (m.from === 'main' && m.type === 'REPLY') replied.set(m.to, m.t);
  const conns: Conn[] = [];
  // Load clients and the monitor connect when the run starts; each redis-cli command on a connection of its own.
  for (const a of sim.actors())
    if (a.id.startsWith('client-') || a.id === 'ping') {
      const c: Conn = { client: a.id, ctime: 0, last: 0, cmd: null, totCmds: 0, blocked: false, closed: false };
      byClient.set(a.id, c);
      conns.push(c);
    }
  for (const call of calls) {
    let c = byClient.get(call.client);
    // redis-cli: a connection per command; any other (a coordinator's, to this shard) from its first command.
    if (!c || call.client === 'redis-cli') {
      c = {
        client: call.client,
        ctime: call.start,
        last: call.start,
        cmd: null,
        totCmds: 0,
        blocked: false,
        closed: false,
      };
      if (call.client !== 'redis-cli') byClient.set(call.client, c);
      conns.push(c);
    }
    c.cmd = call.name ?? c.cmd;
    c.last = Math.max(c.last, call.start);
    if (call.end !== null) c.totCmds++;
    const lastReply = replied.get(call.client) ?? -1;
    // A command main answers itself replies inside call(); a blocked one has no reply yet once call() is over.
    c.blocked = call.end !== null && lastReply < call.start;
    if (lastReply >= call.start) c.last = Math.max(c.last, lastReply);
    if (call.client === 'redis-cli') c.closed = lastReply >= call.start;
  }
  return conns.filter((c) => !c.closed);
}

const secs = (ms: number) => Math.floor(ms / 1000);

export function clientList(sim: Sim, calls = callsOf(sim)): string[] {
  return connections(sim, calls).map(
    (c, i) =>
      `id=${i + 1} name=${c.client} age=${secs(sim.t - c.ctime)} idle=${secs(sim.t - c.last)} ` +
      `flags=${c.blocked ? 'b' : 'N'} db=0 cmd=${c.cmd ?? 'NULL'} user=default tot-cmds=${c.totCmds}`,
  );
}

/** Errors Redis refuses before call() (rejected_calls) and those it does not count under any command. */
const REJECTED = /^ERR wrong number of arguments/;
const UNCOUNTED = /^ERR unknown command/;

function commandStats(sim: Sim, calls: readonly Call[]): string[] {
  const errors = new Map<string, string>();
  for (const n of sim.trace.notes) {
    const d = n.data as { id?: string; reply?: { kind: string; value?: string } };
    if (n.kind === 'reply' && d.reply?.kind === 'error') errors.set(d.id!, d.reply.value ?? '');
  }
  const stats = new Map<string, { calls: number; usec: number; rejected: number; failed: number }>();
  for (const c of calls) {
    const err = errors.get(c.id);
    if (!c.name || (err !== undefined && UNCOUNTED.test(err))) continue;
    const s = stats.get(c.name) ?? { calls: 0, usec: 0, rejected: 0, failed: 0 };
    stats.set(c.name, s);
    if (err !== undefined && REJECTED.test(err)) {
      s.rejected++;
      continue;
    }
    // call() counts a command once it returns; one still running (a hung CONFIG SET) is not there yet.
    if (c.end === null) continue;
    s.calls++;
    s.usec += Math.round((c.end - c.start) * 1000);
    if (err !== undefined) s.failed++;
  }
  return [...stats]
    .filter(([, s]) => s.calls || s.rejected || s.failed)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(
      ([name, s]) =>
        `cmdstat_${name}:calls=${s.calls},usec=${s.usec},usec_per_call=${(s.calls ? s.usec / s.calls : 0).toFixed(2)}` +
        `,rejected_calls=${s.rejected},failed_calls=${s.failed}`,
    );
}

export function infoLines(sim: Sim, calls = callsOf(sim)): string[] {
  const cfg = sim.inputs.config;
  const conns = connections(sim, calls);
  return [
    '# Server',
    `redis_version:${buildOf(cfg.build).redisVersion}`,
    `process_id:${CLOCKS[cfg.clock].pid}`,
    `uptime_in_seconds:${secs(sim.t)}`,
    '',
    '# Clients',
    `connected_clients:${conns.length}`,
    `blocked_clients:${conns.filter((c) => c.blocked).length}`,
    '',
    '# Commandstats',
    ...commandStats(sim, calls),
  ];
}

/** `[dd-]hh:mm:ss` as ps prints TIME. */
function psTime(ms: number): string {
  const s = secs(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  const d = Math.floor(s / 86400);
  return `${d ? `${d}-` : ''}${p(Math.floor(s / 3600) % 24)}:${p(Math.floor(s / 60) % 60)}:${p(s % 60)}`;
}

export function threadLines(sim: Sim): string[] {
  const pid = CLOCKS[sim.inputs.config.clock].pid;
  const rows = sim
    .actors()
    .filter((a) => a.role === 'thread' && isServerThread(a.id))
    .map((a, i) => {
      const spans = sim.trace.lanes.get(a.id) ?? [];
      let cpu = 0;
      for (const s of spans) if (CPU.has(s.kind)) cpu += (Number.isNaN(s.end) ? sim.t : s.end) - s.start;
      const last = spans[spans.length - 1];
      const stat = last?.kind === 'exited' ? 'Z' : last && CPU.has(last.kind) ? 'R' : 'S';
      return `${String(pid + i).padStart(7)} ${`${stat}l`.padEnd(4)} ${psTime(cpu).padStart(8)} ${a.id === 'main' ? 'redis-server' : a.id}`;
    });
  return ['   SPID STAT     TIME COMMAND', ...rows];
}

export function evidence(sim: Sim): EvidenceView[] {
  const calls = callsOf(sim);
  const hung = sim.verdict !== null && sim.verdict.step <= sim.step;
  const reach = hung
    ? 'Nobody could run this on the hung server (redis-cli would wait forever); a crash report prints it.'
    : 'As redis-cli would print it now.';
  return [
    {
      id: 'client-list',
      title: 'CLIENT LIST',
      command: 'CLIENT LIST',
      lines: clientList(sim, calls),
      note: `${reach} name= is the lane's name; addr, fd and memory fields are not modelled.`,
    },
    {
      id: 'info',
      title: 'INFO',
      command: 'INFO clients commandstats',
      lines: infoLines(sim, calls),
      note: `${reach} call() counts a command when it returns, so a CONFIG SET that hangs is not there.`,
    },
    {
      id: 'threads',
      title: 'Threads',
      command: `ps -T -o spid,stat,time,comm -p ${CLOCKS[sim.inputs.config.clock].pid}`,
      lines: threadLines(sim),
      note: 'TIME is each thread’s simulated CPU time (spinning and running spans); R runs, S sleeps or waits.',
    },
  ];
}
