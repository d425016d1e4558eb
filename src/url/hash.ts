/**
 * The shareable state in the URL hash, versioned. v2 names its incident:
 *   #v=2&incident=ID&variant=V&seed=1&until=1500&…   (then the incident's settings, by link key)
 *     &cmd=500:FT.CONFIG%20SET%20WORKERS%200   (repeatable: virtual ms, then the command)
 *     &pick=1234:workers-3:GIL_ACQUIRED         (repeatable: a manual choice at a step)
 *     &untimed=1                                 (the explorer's semantics)
 *     &at=4567                                   (the cursor step)
 *     &view=100.5,900                            (visible window, virtual ms)
 * Every v1 link (no incident key) still opens, as the registry's first
 * incident (the one v1 knew): its keys are that incident's link keys. The settings' bounds come from the incident's
 * one description (`incidents/settings.ts`). Decoding never throws: a bad or
 * outdated link yields the default state and a message saying what was wrong.
 */
import { DEFAULT_INCIDENT, defaultScenario, incidentInfo, INCIDENTS } from '../incidents/registry';
import { parseSetting, type Settings } from '../incidents/settings';
import type { Scenario, ScheduledCommand } from '../incidents/module';

export const HASH_VERSION = 2;

export interface ShareState {
  incident: string;
  variant: string;
  seed: number;
  /** Virtual ms simulated. */
  until: number;
  /** The incident's settings, complete. */
  settings: Settings;
  commands: ScheduledCommand[];
  manual: Record<number, string>;
  /** The explorer's semantics: any pending move may come next (counterexamples replay so). */
  untimed: boolean;
  cursor: number;
  view: { t0: number; t1: number } | null;
  /** The tour chapter on screen (0-based; `tour=` counts from 1), if the link was shared from the tour. */
  tour?: number;
  /** Embedded in a doc or wiki (`embed=1`): the timeline, or the tour, and nothing beside it. */
  embed?: boolean;
}

/** The page simulates at most this much virtual time. */
/** 24 simulated hours: room for a hung server's hours (a healthy run stops at the step limit long before). */
export const UNTIL_MAX = 86_400_000;
export const SEED_BOUND = { min: -(2 ** 31), max: 2 ** 31 - 1, integer: true };

/** A scenario as the page's inputs: no manual picks, timed, the cursor at `cursor`, the whole run in view. */
export function shareOf(s: Scenario, cursor = 0): ShareState {
  return {
    incident: s.incident,
    variant: s.variant,
    seed: s.seed,
    until: s.until,
    settings: s.settings,
    commands: s.commands,
    manual: {},
    untimed: false,
    cursor,
    view: null,
  };
}

/** The opening state of an incident: its default scenario, cursor at 0. */
export function defaultShare(incident: string = DEFAULT_INCIDENT): ShareState {
  return shareOf(defaultScenario(incident));
}

export const DEFAULT_SHARE: ShareState = defaultShare();

/** Short when that is exact, and otherwise every digit: whatever the page writes reads back to the same value. */
const fmt = (n: number) => {
  if (Object.is(n, -0)) return '-0';
  const short = String(+n.toFixed(6));
  return Number(short) === n ? short : String(n);
};

/** A decimal number as a link writes it (no hex, no blanks, no `Infinity`). */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
/** The widest and narrowest window a link may ask for (virtual ms). */
const VIEW_LIMIT = 1e9;
const VIEW_MIN_SPAN = 1e-6;

function settingText(v: Settings[string], none = 'none'): string {
  if (v === null) return none;
  if (typeof v === 'boolean') return v ? '1' : '0';
  return typeof v === 'number' ? fmt(v) : v;
}

export function encodeHash(s: ShareState): string {
  const info = incidentInfo(s.incident)!;
  const q = new URLSearchParams();
  q.set('v', String(HASH_VERSION));
  q.set('incident', s.incident);
  q.set('variant', s.variant);
  q.set('seed', String(s.seed));
  q.set('until', fmt(s.until));
  for (const f of info.settings.list) {
    const v = s.settings[f.key];
    // The form's settings always (a reader sees the scenario in the link); the rest when not at their default.
    if (f.form || v !== f.default) q.set(f.url, settingText(v, f.type === 'int-or-null' ? f.none : undefined));
  }
  for (const c of s.commands) q.append('cmd', `${fmt(c.at)}:${c.text}`);
  for (const [step, key] of Object.entries(s.manual)) q.append('pick', `${step}:${key}`);
  if (s.untimed) q.set('untimed', '1');
  if (s.cursor) q.set('at', String(s.cursor));
  if (s.view) q.set('view', `${fmt(s.view.t0)},${fmt(s.view.t1)}`);
  if (s.tour !== undefined) q.set('tour', String(s.tour + 1));
  if (s.embed) q.set('embed', '1');
  return '#' + q.toString().replace(/\+/g, '%20');
}

export type Decoded = { state: ShareState; error: null } | { state: ShareState; error: string };

/** The link's keys that every incident has (its settings' keys come on top). */
export const GENERIC_KEYS: ReadonlySet<string> = new Set([
  'v',
  'incident',
  'variant',
  'seed',
  'until',
  'cmd',
  'pick',
  'untimed',
  'at',
  'view',
  'tour',
  'embed',
]);

export function decodeHash(hash: string): Decoded {
  const raw = hash.replace(/^#/, '');
  if (!raw) return { state: DEFAULT_SHARE, error: null };
  let q: URLSearchParams;
  try {
    q = new URLSearchParams(raw);
  } catch {
    return fail('the link could not be read');
  }
  // URLSearchParams reads a broken %-escape as it stands: name it instead.
  const broken = raw.split('&').filter((part) => {
    try {
      decodeURIComponent(part.replace(/\+/g, ' '));
      return false;
    } catch {
      return true;
    }
  });
  if (broken.length)
    return fail(`these values are not valid: ${broken.map((p) => `${p} (a broken %-escape)`).join('; ')}`);
  const v = q.get('v');
  if (v === null) return fail('the link has no format version (v=)');
  if (v !== '1' && v !== String(HASH_VERSION))
    return fail(`the link uses format v${v}, and this Lockstep reads v1 and v${HASH_VERSION}`);
  const id = v === '1' ? DEFAULT_INCIDENT : (q.get('incident') ?? DEFAULT_INCIDENT);
  const info = incidentInfo(id);
  if (!info) return fail(`incident=${id} (expected one of ${INCIDENTS.map((x) => x.id).join(', ')})`);
  if (v === '1' && q.has('incident'))
    return fail(`a v1 link has no incident= (it is always ${incidentInfo(DEFAULT_INCIDENT)!.name})`);
  const out: ShareState = { ...defaultShare(id), commands: [], manual: {} };
  const problems: string[] = [];
  const num = (key: string, b: { min: number; max: number; integer: boolean }, set: (n: number) => void) => {
    const r = q.get(key);
    if (r === null) return;
    const n = Number(r);
    if (!NUMBER.test(r) || !Number.isFinite(n) || (b.integer && !Number.isInteger(n)) || n < b.min || n > b.max) {
      problems.push(`${key}=${r} (expected ${b.integer ? 'an integer' : 'a number'} from ${b.min} to ${b.max})`);
    } else set(n);
  };
  const variant = q.get('variant');
  if (variant !== null) {
    if (info.variants.some((x) => x.id === variant)) out.variant = variant;
    else problems.push(`variant=${variant} (expected one of ${info.variants.map((x) => x.id).join(', ')})`);
  }
  num('seed', SEED_BOUND, (n) => (out.seed = n));
  num('until', { min: 1, max: UNTIL_MAX, integer: false }, (n) => (out.until = n));
  num('at', { min: 0, max: 1e9, integer: true }, (n) => (out.cursor = n));
  const settings = { ...out.settings };
  const known = new Set(GENERIC_KEYS);
  for (const f of info.settings.list) {
    known.add(f.url);
    const r = q.get(f.url);
    if (r === null) continue;
    const p = parseSetting(f, r);
    if (p.ok) settings[f.key] = p.value;
    else problems.push(`${f.url}=${r} (${p.error})`);
  }
  out.settings = settings;
  for (const key of new Set(q.keys())) if (!known.has(key)) problems.push(`${key}= (not a setting of ${info.name})`);
  for (const c of q.getAll('cmd')) {
    const i = c.indexOf(':');
    const at = Number(c.slice(0, i));
    const text = c.slice(i + 1).trim();
    if (i <= 0 || !NUMBER.test(c.slice(0, i)) || !Number.isFinite(at) || at < 0 || at > UNTIL_MAX || !text)
      problems.push(`cmd=${c} (expected TIME_MS:COMMAND)`);
    else out.commands.push({ at, text });
  }
  const untimed = q.get('untimed');
  if (untimed !== null) {
    if (untimed === '0' || untimed === '1') out.untimed = untimed === '1';
    else problems.push(`untimed=${untimed} (expected 0 or 1)`);
  }
  for (const p of q.getAll('pick')) {
    const m = /^(\d+):([\w.-]+:[A-Z_]+)$/.exec(p);
    if (!m) problems.push(`pick=${p} (expected STEP:ACTOR:EVENT)`);
    else out.manual[Number(m[1])] = m[2];
  }
  const view = q.get('view');
  if (view !== null) {
    const parts = view.split(',');
    const [a, b] = parts.map(Number);
    if (parts.length !== 2 || !parts.every((x) => NUMBER.test(x)) || !(a < b))
      problems.push(`view=${view} (expected START,END in ms)`);
    else if (Math.abs(a) > VIEW_LIMIT || Math.abs(b) > VIEW_LIMIT || !(b - a >= VIEW_MIN_SPAN))
      problems.push(
        `view=${view} (the window must lie within ±${VIEW_LIMIT} ms and be at least ${VIEW_MIN_SPAN} ms wide)`,
      );
    else out.view = { t0: a, t1: b };
  }
  const embed = q.get('embed');
  if (embed !== null) {
    if (embed === '0' || embed === '1') out.embed = embed === '1' || undefined;
    else problems.push(`embed=${embed} (expected 0 or 1)`);
  }
  const chapters = info.ui.tour?.length ?? 0;
  if (q.has('tour')) {
    if (!chapters) problems.push(`tour=${q.get('tour')} (${info.name} has no tour)`);
    else num('tour', { min: 1, max: chapters, integer: true }, (n) => (out.tour = n - 1));
  }
  if (problems.length) return fail(`these values are not valid: ${problems.join('; ')}`);
  return { state: out, error: null };
}

function fail(why: string): Decoded {
  return {
    state: DEFAULT_SHARE,
    error: `This link could not be opened: ${why}. Showing the default scenario instead.`,
  };
}
