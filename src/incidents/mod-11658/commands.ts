/**
 * Parses what an operator types into the command the main thread will run,
 * with RediSearch's and Redis's exact replies for bad input (the model's
 * section 8.2). Client-side problems (unbalanced quotes, an empty line)
 * never reach the server and are returned as `clientError`.
 */
import type { Command, Reply, Verb } from '../../machines/mod-11658/model';
import { tokenize } from '../redis/tokenize';
import { MAX_WORKER_THREADS } from './config';

export type Parsed = { ok: true; command: Command; args: string[] } | { ok: false; clientError: string };

const err = (value: string): Reply => ({ kind: 'error', value });
const refuse = (value: string, deprecation = false): Command => ({ kind: 'error', reply: err(value), deprecation });
const arity = (name: string) => refuse(`ERR wrong number of arguments for '${name}' command`);

/** Real RediSearch options that this model does not simulate. */
const UNMODELLED_OPTIONS = new Set([
  'TIMEOUT',
  'ON_TIMEOUT',
  'MINPREFIX',
  'MAXEXPANSIONS',
  'MAXPREFIXEXPANSIONS',
  'MAXDOCTABLESIZE',
  'MAXSEARCHRESULTS',
  'MAXAGGREGATERESULTS',
  'DEFAULT_DIALECT',
  'CONN_PER_SHARD',
  'MIN_OPERATION_WORKERS',
  'SEARCH_THREADS',
  'GC_POLICY',
  'FORK_GC_RUN_INTERVAL',
  'UNION_ITERATOR_HEAP',
  'CURSOR_MAX_IDLE',
]);

/** Fields of the test index declared SORTABLE (loading them needs no GIL). */
const SORTABLE = new Set(['price']);

function unknownCommand(args: string[]): Command {
  const rest = args
    .slice(1)
    .map((a) => `'${a.slice(0, 128)}' `)
    .join('');
  return refuse(`ERR unknown command '${args[0].slice(0, 128)}', with args beginning with: ${rest}`);
}

/** `AC_GetSize(ac, &n, AC_F_GE0)` followed by the setter's own bound. */
function ftConfigWorkersValue(raw: string): { value: number } | { error: string } {
  if (!/^[+-]?\d+$/.test(raw)) return { error: 'Could not convert argument to expected type' };
  const n = Number(raw);
  if (n < 0) return { error: 'Value is outside acceptable bounds' };
  if (n > MAX_WORKER_THREADS) return { error: `Number of worker threads cannot exceed ${MAX_WORKER_THREADS}` };
  return { value: n };
}

function ftConfig(args: string[]): Command | { clientError: string } {
  if (args.length < 3) return arity('FT.CONFIG');
  const action = args[1].toUpperCase();
  const option = args[2].toUpperCase();
  if (action === 'SET') {
    if (option !== 'WORKERS') {
      if (UNMODELLED_OPTIONS.has(option)) {
        return { clientError: `Lockstep simulates only WORKERS; ${option} is a real option that is not modelled here` };
      }
      return refuse('Invalid option', true);
    }
    if (args.length < 4) return refuse('Expected an argument, but none provided', true);
    const v = ftConfigWorkersValue(args[3]);
    if ('error' in v) return refuse(v.error, true);
    return { kind: 'configSet', via: 'FT.CONFIG', value: v.value, excess: args.length > 4 };
  }
  if (action === 'GET') {
    if (args.length > 3) return arity('FT.CONFIG');
    return { kind: 'configGet', via: 'FT.CONFIG', option: option === '*' ? 'WORKERS' : option };
  }
  return refuse('No such configuration action');
}

function glob(pattern: string, text: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );
  return re.test(text);
}

function config(args: string[], searchWorkers: boolean): Command {
  if (args.length < 2) return arity('config');
  const sub = args[1].toLowerCase();
  if (sub === 'set') {
    if (args.length < 4 || (args.length - 2) % 2 !== 0) return arity('config|set');
    const name = args[2].toLowerCase();
    if (name !== 'search-workers' || !searchWorkers)
      return refuse(`ERR Unknown option or number of arguments for CONFIG SET - '${args[2]}'`);
    if (args.length > 4) return refuse(`ERR Unknown option or number of arguments for CONFIG SET - '${args[4]}'`);
    const raw = args[3];
    const prefix = `ERR CONFIG SET failed (possibly related to argument '${args[2]}') - `;
    if (!/^[+-]?\d+$/.test(raw)) return refuse(`${prefix}argument couldn't be parsed into an integer`);
    const n = Number(raw);
    if (n < 0 || n > MAX_WORKER_THREADS)
      return refuse(`${prefix}argument must be between 0 and ${MAX_WORKER_THREADS} inclusive`);
    return { kind: 'configSet', via: 'CONFIG', value: n, excess: false };
  }
  if (sub === 'get') {
    if (args.length < 3) return arity('config|get');
    const match = searchWorkers && args.slice(2).some((p) => glob(p, 'search-workers'));
    return { kind: 'configGet', via: 'CONFIG', option: match ? 'search-workers' : '' };
  }
  return refuse(`ERR unknown subcommand '${args[1].slice(0, 128)}'. Try CONFIG HELP.`);
}

/** FT.SEARCH needs the GIL unless NOCONTENT; FT.AGGREGATE when it LOADs or groups by a non-SORTABLE field. */
export function needsLoad(verb: Verb, args: readonly string[]): boolean {
  const upper = args.map((a) => a.toUpperCase());
  if (verb === 'FT.SEARCH') return !upper.includes('NOCONTENT');
  if (upper.includes('LOAD')) return true;
  const g = upper.indexOf('GROUPBY');
  if (g < 0) return false;
  const n = Number(args[g + 1]);
  const fields = args.slice(g + 2, g + 2 + (Number.isFinite(n) ? n : 0));
  return fields.some((f) => !SORTABLE.has(f.replace(/^@/, '').toLowerCase()));
}

function query(args: string[], verb: Verb, internal: boolean): Command {
  if (args.length < 3) return arity(args[0].toUpperCase());
  if (args[1] !== 'idx') return refuse(`${args[1]}: no such index`);
  return { kind: 'query', verb, needsLoad: needsLoad(verb, args.slice(2)), internal };
}

/** `searchWorkers`: the build has the `search-workers` config (8.x; 2.10 has FT.CONFIG alone). */
export function parseCommand(line: string, opts: { searchWorkers?: boolean } = {}): Parsed {
  const args = tokenize(line);
  if (args === null) return { ok: false, clientError: 'Invalid argument(s)' };
  if (!args.length) return { ok: false, clientError: 'Type a command, for example FT.CONFIG SET WORKERS 0' };
  const name = args[0].toUpperCase();
  let command: Command | { clientError: string };
  switch (name) {
    case 'PING':
      command = args.length > 2 ? arity('ping') : { kind: 'ping' };
      break;
    case 'FT.CONFIG':
      command = ftConfig(args);
      break;
    case 'CONFIG':
      command = config(args, opts.searchWorkers !== false);
      break;
    case 'FT.SEARCH':
    case 'FT.AGGREGATE':
      command = query(args, name, false);
      break;
    case '_FT.SEARCH':
    case '_FT.AGGREGATE':
      command = query(args, name.slice(1) as Verb, true);
      break;
    default:
      command = unknownCommand(args);
  }
  if ('clientError' in command) return { ok: false, clientError: command.clientError };
  return { ok: true, command, args };
}
