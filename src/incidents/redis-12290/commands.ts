/**
 * Parses what a client sends into the command the main thread runs, with
 * Redis 7.2's exact replies for bad input (`t_stream.c`, `server.c`).
 * Client-side problems (unbalanced quotes, an empty line) and real options
 * this model does not simulate never reach the server: `clientError`.
 */
import { err, type Command } from '../../machines/redis-12290/model';
import { tokenize } from '../redis/tokenize';

export type Parsed = { ok: true; command: Command; args: string[] } | { ok: false; clientError: string };

type Out = Command | { clientError: string };

const refuse = (value: string): Command => ({ kind: 'error', reply: err(value) });
const arity = (name: string) => refuse(`ERR wrong number of arguments for '${name}' command`);
const notModelled = (what: string) => ({ clientError: `Lockstep does not simulate ${what}` });
const NOT_INTEGER = 'ERR value is not an integer or out of range';
const SYNTAX = 'ERR syntax error';

const isInteger = (s: string) => /^-?\d+$/.test(s) && Number.isSafeInteger(Number(s));

function unknownCommand(args: string[]): Command {
  const rest = args
    .slice(1)
    .map((a) => `'${a.slice(0, 128)}' `)
    .join('');
  return refuse(`ERR unknown command '${args[0].slice(0, 128)}', with args beginning with: ${rest}`);
}

/** XADD key [MAXLEN [=] n] * field value [field value ...] */
function xadd(args: string[]): Out {
  if (args.length < 5) return arity('xadd');
  let i = 2;
  let maxlen: number | null = null;
  for (; i < args.length; i++) {
    const o = args[i].toUpperCase();
    const more = args.length - i - 1;
    if (o === 'MAXLEN' && more >= 1) {
      if (args[i + 1] === '~') return notModelled('approximate trimming (MAXLEN ~)');
      if (args[i + 1] === '=' && more >= 2) i++;
      const raw = args[i + 1];
      if (!isInteger(raw)) return refuse(NOT_INTEGER);
      if (Number(raw) < 0) return refuse('ERR The MAXLEN argument must be >= 0.');
      maxlen = Number(raw);
      i++;
    } else if (o === 'MINID' || o === 'LIMIT' || o === 'NOMKSTREAM') {
      return notModelled(`XADD ${o}`);
    } else break;
  }
  if (i >= args.length) return refuse(SYNTAX);
  if (args[i] !== '*') return notModelled('XADD with an explicit ID (use *)');
  const fields = args.slice(i + 1);
  if (fields.length < 2 || fields.length % 2 === 1) return arity('xadd');
  return { kind: 'xadd', key: args[1], maxlen, fields };
}

/** XREADGROUP GROUP group consumer [COUNT n] [BLOCK ms] [NOACK] STREAMS key > (the loop of xreadCommand). */
function xreadgroup(args: string[]): Out {
  if (args.length < 7) return arity('xreadgroup');
  let count = 0;
  let block: number | null = null;
  let group: string | null = null;
  let consumer = '';
  let streams = 0;
  for (let i = 1; i < args.length; i++) {
    const o = args[i].toUpperCase();
    const more = args.length - i - 1;
    if (o === 'BLOCK' && more) {
      const raw = args[++i];
      if (!isInteger(raw)) return refuse('ERR timeout is not an integer or out of range');
      if (Number(raw) < 0) return refuse('ERR timeout is negative');
      block = Number(raw);
    } else if (o === 'COUNT' && more) {
      const raw = args[++i];
      if (!isInteger(raw)) return refuse(NOT_INTEGER);
      count = Math.max(0, Number(raw));
    } else if (o === 'STREAMS' && more) {
      streams = i + 1;
      if ((args.length - streams) % 2 !== 0) {
        return refuse(
          "ERR Unbalanced 'xreadgroup' list of streams: for each stream key an ID or '>' must be specified.",
        );
      }
      break;
    } else if (o === 'GROUP' && more >= 2) {
      group = args[i + 1];
      consumer = args[i + 2];
      i += 2;
    } else if (o === 'NOACK') {
      return notModelled('XREADGROUP NOACK');
    } else return refuse(SYNTAX);
  }
  if (!streams) return refuse(SYNTAX);
  if (group === null) return refuse('ERR Missing GROUP option for XREADGROUP');
  if (args.length - streams !== 2) return notModelled('XREADGROUP on more than one stream');
  if (args[streams + 1] !== '>') return notModelled("XREADGROUP with an ID other than '>' (history reads)");
  return { kind: 'xreadgroup', group, consumer, count, block, key: args[streams] };
}

function xgroup(args: string[]): Out {
  if (args.length < 2) return arity('xgroup');
  const sub = args[1].toUpperCase();
  if (sub !== 'CREATE') {
    if (['SETID', 'DESTROY', 'CREATECONSUMER', 'DELCONSUMER', 'HELP'].includes(sub))
      return notModelled(`XGROUP ${sub}`);
    return refuse(`ERR unknown subcommand '${args[1].slice(0, 128)}'. Try XGROUP HELP.`);
  }
  if (args.length < 5) return arity('xgroup|create');
  let mkstream = false;
  for (const a of args.slice(5)) {
    if (a.toUpperCase() === 'MKSTREAM') mkstream = true;
    else if (a.toUpperCase() === 'ENTRIESREAD') return notModelled('XGROUP CREATE ENTRIESREAD');
    else return refuse(`ERR unknown subcommand or wrong number of arguments for '${args[1]}'. Try XGROUP HELP.`);
  }
  if (args[4] !== '$') return notModelled("XGROUP CREATE with an ID other than '$'");
  return { kind: 'xgroupCreate', key: args[2], group: args[3], mkstream };
}

function xinfo(args: string[]): Out {
  if (args.length < 2) return arity('xinfo');
  const sub = args[1].toUpperCase();
  if (sub === 'GROUPS') return args.length === 3 ? { kind: 'xinfoGroups', key: args[2] } : arity('xinfo|groups');
  if (['STREAM', 'CONSUMERS', 'HELP'].includes(sub)) return notModelled(`XINFO ${sub}`);
  return refuse(`ERR unknown subcommand '${args[1].slice(0, 128)}'. Try XINFO HELP.`);
}

export function parseCommand(line: string): Parsed {
  const args = tokenize(line);
  if (args === null) return { ok: false, clientError: 'Invalid argument(s)' };
  if (!args.length) return { ok: false, clientError: 'Type a command, for example PING or XLEN tasks_queue' };
  const name = args[0].toUpperCase();
  let command: Out;
  switch (name) {
    case 'PING':
      command = args.length > 2 ? arity('ping') : { kind: 'ping', message: args[1] ?? null };
      break;
    case 'XADD':
      command = xadd(args);
      break;
    case 'XREADGROUP':
      command = xreadgroup(args);
      break;
    case 'XGROUP':
      command = xgroup(args);
      break;
    case 'XLEN':
      command = args.length === 2 ? { kind: 'xlen', key: args[1] } : arity('xlen');
      break;
    case 'XINFO':
      command = xinfo(args);
      break;
    case 'MULTI':
      command = args.length === 1 ? { kind: 'multi' } : arity('multi');
      break;
    case 'EXEC':
      command = args.length === 1 ? { kind: 'exec' } : arity('exec');
      break;
    default:
      command = unknownCommand(args);
  }
  if ('clientError' in command) return { ok: false, clientError: command.clientError };
  return { ok: true, command, args };
}
