/**
 * Parses the runner's command line into a scenario. Every bad option gets a
 * message naming the option and what it accepts; the runner exits with 2.
 */
import { parseDuration } from '../engine/duration';
import {
  BOUNDS,
  CLOCKS,
  DEFAULT_CONFIG,
  type Bound,
  type ClockPreset,
  type Mod11658Config,
} from '../incidents/mod-11658/config';
import { VARIANT_INFO } from '../incidents/mod-11658/variants';
import { DEFAULT_SCENARIO, type Scenario } from '../incidents/mod-11658/scenario';
import type { LogLevel } from '../engine/types';
import type { ExecutionMode } from '../engine/machineRunner';

export class UsageError extends Error {}

export interface CliOptions {
  scenario: Scenario;
  json: boolean;
  help: boolean;
}

export const USAGE = `Usage: npm run sim -- [options]

Runs a MOD-11658 scenario headless and prints what happened.

  --variant V                   model variant: prefix (as production ran it, default), fixed (PR #7410),
                                trigger-first, drain-connections, barrier-timeout, unlock-gil
  --workers N                   initial WORKERS, 0..16 (default 8)
  --clients N                   load-generating client threads (default 20)
  --shards N                    1 = standalone, more = OSS cluster (default 1)
  --load-fraction F             share of queries that LOAD fields, 0..1 (default 1)
  --aggregate-fraction F        share of queries that are FT.AGGREGATE, 0..1 (default 0.2)
  --queries N                   total queries the clients send (default: no limit)
  --coord-threads N             search-threads in cluster mode (default 20)
  --ping-interval T             how often the monitor sends PING (default 100ms)
  --seed N                      scheduler seed, an integer (default 1)
  --until T                     virtual time to simulate, e.g. 30s, 1500ms; "end" runs until the
                                load is done (default 2s)
  --cmd "T:COMMAND"             send COMMAND from redis-cli at virtual time T; repeatable,
                                e.g. --cmd "1s:FT.CONFIG SET WORKERS 0"
  --clock production|regression-test   wall clock of the log (default regression-test)
  --loglevel verbose|notice|warning    Redis loglevel for the printed log (default verbose)
  --execution compiled|xstate   how machines execute; both give the same run (default compiled)
  --json                        print one JSON object instead of a summary
  --help                        this text`;

const VARIANTS = VARIANT_INFO.map((v) => v.id);
const LEVELS: LogLevel[] = ['debug', 'verbose', 'notice', 'warning'];

export function num(option: string, raw: string | undefined, b: Bound): number {
  const what = b.integer ? `an integer from ${b.min} to ${b.max}` : `a number from ${b.min} to ${b.max}`;
  if (raw === undefined) throw new UsageError(`${option} needs a value: ${what}`);
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || (b.integer && !Number.isInteger(n)) || n < b.min || n > b.max) {
    throw new UsageError(`${option} must be ${what} (got '${raw}')`);
  }
  return n;
}

export function oneOf<T extends string>(option: string, raw: string | undefined, allowed: readonly T[]): T {
  if (raw === undefined || !allowed.includes(raw as T)) {
    throw new UsageError(`${option} must be one of ${allowed.join(', ')} (got '${raw ?? ''}')`);
  }
  return raw as T;
}

function duration(option: string, raw: string | undefined): number {
  const ms = raw === undefined ? null : parseDuration(raw);
  if (ms === null) throw new UsageError(`${option} must be a time such as 30s, 1500ms or 2m (got '${raw ?? ''}')`);
  return ms;
}

/** `"1s:FT.CONFIG SET WORKERS 0"` -> { at: 1000, text }. */
export function parseCmd(raw: string | undefined): { at: number; text: string } {
  const i = raw?.indexOf(':') ?? -1;
  if (raw === undefined || i <= 0) {
    throw new UsageError(`--cmd must be "TIME:COMMAND", e.g. "1s:FT.CONFIG SET WORKERS 0" (got '${raw ?? ''}')`);
  }
  const at = parseDuration(raw.slice(0, i));
  const text = raw.slice(i + 1).trim();
  if (at === null)
    throw new UsageError(`--cmd time must be such as 1s or 1500ms (got '${raw.slice(0, i)}' in '${raw}')`);
  if (!text) throw new UsageError(`--cmd has no command after the time (got '${raw}')`);
  return { at, text };
}

export function parseOptions(argv: readonly string[]): CliOptions {
  const config: Mod11658Config = { ...DEFAULT_CONFIG, commands: [] };
  const scenario: Scenario = { ...DEFAULT_SCENARIO, config };
  let json = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = () => (inline !== undefined ? inline : argv[++i]);
    switch (name) {
      case '--variant':
        scenario.variant = oneOf(name, value(), VARIANTS);
        break;
      case '--workers':
        config.workers = num(name, value(), BOUNDS.workers);
        break;
      case '--clients':
        config.clients = num(name, value(), BOUNDS.clients);
        break;
      case '--shards':
        config.shards = num(name, value(), BOUNDS.shards);
        break;
      case '--load-fraction':
        config.loadFraction = num(name, value(), BOUNDS.loadFraction);
        break;
      case '--aggregate-fraction':
        config.aggregateFraction = num(name, value(), BOUNDS.aggregateFraction);
        break;
      case '--queries':
        config.queries = num(name, value(), BOUNDS.queries);
        break;
      case '--coord-threads':
        config.coordThreads = num(name, value(), BOUNDS.coordThreads);
        break;
      case '--ping-interval': {
        const ms = duration(name, value());
        config.pingIntervalMs = num(name, String(ms), BOUNDS.pingIntervalMs);
        break;
      }
      case '--seed':
        scenario.seed = num(name, value(), { min: -(2 ** 31), max: 2 ** 31 - 1, integer: true });
        break;
      case '--until': {
        const raw = value();
        scenario.until = raw === 'end' ? Infinity : duration(name, raw);
        break;
      }
      case '--cmd':
        config.commands.push(parseCmd(value()));
        break;
      case '--clock':
        config.clock = oneOf(name, value(), Object.keys(CLOCKS) as ClockPreset[]);
        break;
      case '--loglevel':
        config.loglevel = oneOf(name, value(), LEVELS);
        break;
      case '--execution':
        scenario.execution = oneOf<ExecutionMode>(name, value(), ['compiled', 'xstate']);
        break;
      case '--json':
        json = true;
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      default:
        throw new UsageError(`unknown option '${arg}' (see --help)`);
    }
  }
  if (scenario.until === Infinity && config.queries === null && config.clients > 0) {
    throw new UsageError('--until end needs --queries N (or --clients 0): otherwise the load never ends');
  }
  return { scenario, json, help };
}
