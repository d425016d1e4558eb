/**
 * Parses the runner's command line into a scenario of any incident: the
 * incident's flags come from its settings' one description. Every bad
 * option gets a message naming the option and what it accepts; the runner
 * exits with 2.
 */
import { parseDuration } from '../engine/duration';
import type { ExecutionMode } from '../engine/machineRunner';
import { DEFAULT_INCIDENT, defaultScenario, incidentInfo, INCIDENTS } from '../incidents/registry';
import { expected, parseSetting, type Setting, type SettingsSpec } from '../incidents/settings';
import type { Scenario } from '../incidents/module';

export class UsageError extends Error {}

/** Runs stop here unless told otherwise (as on the page): some seconds of simulation. */
export const CLI_MAX_STEPS = 1_000_000;

export interface CliOptions {
  scenario: Scenario;
  json: boolean;
  help: boolean;
}

const pad = (s: string) => s.padEnd(30);

/** One line per setting of `spec`, for --help. */
export function settingsHelp(spec: SettingsSpec): string[] {
  return spec.list.map((f) => {
    const arg =
      f.type === 'flag'
        ? '0|1'
        : f.type === 'enum'
          ? f.values.join('|')
          : f.type === 'number' && f.unit === 'ms'
            ? 'T'
            : 'N';
    const def =
      f.default === null
        ? f.type === 'int-or-null'
          ? f.none
          : ''
        : typeof f.default === 'boolean'
          ? f.default
            ? '1'
            : '0'
          : String(f.default);
    const unit = f.type === 'number' && f.unit === 'ms' ? ' (ms, or a time such as 2s)' : '';
    const name = `--${f.flag} ${arg}`;
    // A long name gets a line of its own, so the help column stays aligned.
    const lead = name.length < 30 ? `  ${pad(name)}` : `  ${name}\n  ${pad('')}`;
    return `${lead}${f.help}${unit}; ${expected(f)} (default ${def})`;
  });
}

/** The help text: the options every incident has, then each incident's own (or only `only`'s). */
export function usage(only?: string): string {
  const info = incidentInfo(only ?? DEFAULT_INCIDENT)!;
  const shown = only ? [info] : INCIDENTS;
  return `Usage: npm run sim -- [--incident ID] [options]

Runs an incident's scenario headless and prints what happened.

Incidents: ${INCIDENTS.map((i) => `${i.id} (${i.title})`).join('; ')}.
Subcommands: explore, compare, sweep (each with --help).

Options for every incident:
  ${pad('--incident ID')}${INCIDENTS.map((i) => i.id).join(', ')} (default ${DEFAULT_INCIDENT})
  ${pad('--variant V')}${info.variants.map((v) => v.id).join(', ')} (default ${info.defaults.variant})
  ${pad('--seed N')}scheduler seed, an integer (default 1)
  ${pad('--until T')}virtual time to simulate, e.g. 30s, 1500ms; "end" runs until only background actors could move (default 2s)
  ${pad('--cmd "T:COMMAND"')}send COMMAND from redis-cli at virtual time T; repeatable, e.g. --cmd "1s:${info.ui.consolePlaceholder}"
  ${pad('--execution compiled|xstate')}how machines execute; both give the same run (default compiled)
  ${pad('--max-steps N')}stop the run after N steps and say so (default ${CLI_MAX_STEPS.toLocaleString('en-US')})
  ${pad('--json')}print one JSON object instead of a summary
  ${pad('--help')}this text (with --incident ID: that incident's options only)
${shown
  .map(
    (i) => `
Options of ${i.id} (variants: ${i.variants.map((v) => v.id).join(', ')}):
${settingsHelp(i.settings).join('\n')}
Commands redis-cli can send: ${i.ui.commandsHelp}.`,
  )
  .join('\n')}`;
}

export const USAGE = usage();

export function num(
  option: string,
  raw: string | undefined,
  b: { min: number; max: number; integer: boolean },
): number {
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

export function duration(option: string, raw: string | undefined): number {
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

/** Reads `raw` as the setting `f` of flag `option`, or throws the usage error that names what it accepts. */
export function settingValue(option: string, f: Setting, raw: string | undefined) {
  if (raw === undefined) throw new UsageError(`${option} needs a value: ${expected(f)}`);
  const p = parseSetting(f, raw, parseDuration);
  if (!p.ok) throw new UsageError(`${option} must be ${expected(f)} (got '${raw}')`);
  return p.value;
}

/** The value of --incident (default: the registry's first), read before anything else: it decides which flags exist. */
export function incidentOf(argv: readonly string[]): string {
  let id = DEFAULT_INCIDENT;
  argv.forEach((a, i) => {
    if (a === '--incident') id = argv[i + 1] ?? '';
    else if (a.startsWith('--incident=')) id = a.slice('--incident='.length);
  });
  return oneOf(
    '--incident',
    id,
    INCIDENTS.map((x) => x.id),
  );
}

export function parseOptions(argv: readonly string[]): CliOptions {
  const incident = incidentOf(argv);
  const info = incidentInfo(incident)!;
  const scenario: Scenario = { ...defaultScenario(incident), until: 2000, commands: [], maxSteps: CLI_MAX_STEPS };
  const settings = { ...scenario.settings };
  const byFlag = new Map(info.settings.list.map((f) => [`--${f.flag}`, f]));
  let json = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = () => (inline !== undefined ? inline : argv[++i]);
    const setting = byFlag.get(name);
    if (setting) {
      settings[setting.key] = settingValue(name, setting, value());
      continue;
    }
    switch (name) {
      case '--incident':
        value();
        break;
      case '--variant':
        scenario.variant = oneOf(
          name,
          value(),
          info.variants.map((v) => v.id),
        );
        break;
      case '--seed':
        scenario.seed = num(name, value(), { min: -(2 ** 31), max: 2 ** 31 - 1, integer: true });
        break;
      case '--until': {
        const raw = value();
        scenario.until = raw === 'end' ? Infinity : duration(name, raw);
        break;
      }
      case '--cmd':
        scenario.commands.push(parseCmd(value()));
        break;
      case '--max-steps':
        scenario.maxSteps = num(name, value(), { min: 1, max: 1_000_000_000, integer: true });
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
  scenario.settings = settings;
  if (scenario.until === Infinity && settings.queries === null && (settings.clients as number) > 0) {
    throw new UsageError('--until end needs --queries N (or --clients 0): otherwise the load never ends');
  }
  return { scenario, json, help };
}
