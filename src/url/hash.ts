/**
 * The shareable state in the URL hash, versioned:
 *   #v=1&variant=prefix&workers=8&clients=20&shards=1&load=1&seed=1&think=5&until=2000
 *     &cmd=500:FT.CONFIG%20SET%20WORKERS%200   (repeatable: virtual ms, then the command)
 *     &pick=1234:workers-3:GIL_ACQUIRED         (repeatable: a manual choice at a step)
 *     &at=4567                                   (the cursor step)
 *     &view=100.5,900                            (visible window, virtual ms)
 * Decoding never throws: a bad or outdated link yields the default state and
 * a message that says what was wrong.
 */
import { BOUNDS } from '../incidents/mod-11658/config';
import { VARIANT_INFO } from '../incidents/mod-11658/variantInfo';

export const HASH_VERSION = 1;

export interface ShareState {
  variant: string;
  workers: number;
  clients: number;
  shards: number;
  loadFraction: number;
  seed: number;
  /** Each client's pause between a reply and its next query (ms). */
  think: number;
  /** Virtual ms simulated. */
  until: number;
  commands: { at: number; text: string }[];
  manual: Record<number, string>;
  /** The explorer's semantics: any pending move may come next (counterexamples replay so). */
  untimed: boolean;
  /** Total queries the clients send (null: no limit). */
  queries: number | null;
  /** Run the monitoring PING. */
  ping: boolean;
  /** How clients pick queries. */
  mix: 'random' | 'spread';
  cursor: number;
  view: { t0: number; t1: number } | null;
}

export const DEFAULT_SHARE: ShareState = {
  variant: 'prefix',
  workers: 8,
  clients: 20,
  shards: 1,
  loadFraction: 1,
  seed: 1,
  think: 5,
  until: 1500,
  commands: [{ at: 500, text: 'FT.CONFIG SET WORKERS 0' }],
  manual: {},
  untimed: false,
  queries: null,
  ping: true,
  mix: 'random',
  cursor: 0,
  view: null,
};

export const UNTIL_MAX = 60_000;
export const THINK_BOUND = { min: 0.01, max: 60_000, integer: false };

const fmt = (n: number) => String(+n.toFixed(6));

export function encodeHash(s: ShareState): string {
  const q = new URLSearchParams();
  q.set('v', String(HASH_VERSION));
  q.set('variant', s.variant);
  q.set('workers', String(s.workers));
  q.set('clients', String(s.clients));
  q.set('shards', String(s.shards));
  q.set('load', fmt(s.loadFraction));
  q.set('seed', String(s.seed));
  q.set('think', fmt(s.think));
  q.set('until', fmt(s.until));
  for (const c of s.commands) q.append('cmd', `${fmt(c.at)}:${c.text}`);
  for (const [step, key] of Object.entries(s.manual)) q.append('pick', `${step}:${key}`);
  if (s.untimed) q.set('untimed', '1');
  if (s.queries !== null) q.set('queries', String(s.queries));
  if (!s.ping) q.set('ping', '0');
  if (s.mix !== 'random') q.set('mix', s.mix);
  if (s.cursor) q.set('at', String(s.cursor));
  if (s.view) q.set('view', `${fmt(s.view.t0)},${fmt(s.view.t1)}`);
  return '#' + q.toString().replace(/\+/g, '%20');
}

export type Decoded = { state: ShareState; error: null } | { state: ShareState; error: string };

export function decodeHash(hash: string): Decoded {
  const raw = hash.replace(/^#/, '');
  if (!raw) return { state: DEFAULT_SHARE, error: null };
  let q: URLSearchParams;
  try {
    q = new URLSearchParams(raw);
  } catch {
    return fail('the link could not be read');
  }
  const v = q.get('v');
  if (v === null) return fail('the link has no format version (v=)');
  if (v !== String(HASH_VERSION)) return fail(`the link uses format v${v}, and this Lockstep reads v${HASH_VERSION}`);
  const out: ShareState = { ...DEFAULT_SHARE, commands: [], manual: {} };
  const problems: string[] = [];
  const num = (key: string, b: { min: number; max: number; integer: boolean }, set: (n: number) => void) => {
    const r = q.get(key);
    if (r === null) return;
    const n = Number(r);
    if (r.trim() === '' || !Number.isFinite(n) || (b.integer && !Number.isInteger(n)) || n < b.min || n > b.max) {
      problems.push(`${key}=${r} (expected ${b.integer ? 'an integer' : 'a number'} from ${b.min} to ${b.max})`);
    } else set(n);
  };
  const variant = q.get('variant');
  if (variant !== null) {
    if (VARIANT_INFO.some((x) => x.id === variant)) out.variant = variant;
    else problems.push(`variant=${variant} (expected one of ${VARIANT_INFO.map((x) => x.id).join(', ')})`);
  }
  num('workers', BOUNDS.workers, (n) => (out.workers = n));
  num('clients', { ...BOUNDS.clients, max: 200 }, (n) => (out.clients = n));
  num('shards', BOUNDS.shards, (n) => (out.shards = n));
  num('load', BOUNDS.loadFraction, (n) => (out.loadFraction = n));
  num('seed', { min: -(2 ** 31), max: 2 ** 31 - 1, integer: true }, (n) => (out.seed = n));
  num('think', THINK_BOUND, (n) => (out.think = n));
  num('until', { min: 1, max: UNTIL_MAX, integer: false }, (n) => (out.until = n));
  num('at', { min: 0, max: 1e9, integer: true }, (n) => (out.cursor = n));
  for (const c of q.getAll('cmd')) {
    const i = c.indexOf(':');
    const at = Number(c.slice(0, i));
    const text = c.slice(i + 1).trim();
    if (i <= 0 || !Number.isFinite(at) || at < 0 || at > UNTIL_MAX || !text)
      problems.push(`cmd=${c} (expected TIME_MS:COMMAND)`);
    else out.commands.push({ at, text });
  }
  if (!q.getAll('cmd').length && !problems.length) out.commands = [];
  const flag = (key: string, set: (on: boolean) => void) => {
    const r = q.get(key);
    if (r === null) return;
    if (r === '0' || r === '1') set(r === '1');
    else problems.push(`${key}=${r} (expected 0 or 1)`);
  };
  flag('untimed', (on) => (out.untimed = on));
  flag('ping', (on) => (out.ping = on));
  num('queries', { min: 0, max: 10_000_000, integer: true }, (n) => (out.queries = n));
  const mix = q.get('mix');
  if (mix !== null) {
    if (mix === 'random' || mix === 'spread') out.mix = mix;
    else problems.push(`mix=${mix} (expected random or spread)`);
  }
  for (const p of q.getAll('pick')) {
    const m = /^(\d+):([\w.-]+:[A-Z_]+)$/.exec(p);
    if (!m) problems.push(`pick=${p} (expected STEP:ACTOR:EVENT)`);
    else out.manual[Number(m[1])] = m[2];
  }
  const view = q.get('view');
  if (view !== null) {
    const [a, b] = view.split(',').map(Number);
    if (!Number.isFinite(a) || !Number.isFinite(b) || a >= b) problems.push(`view=${view} (expected START,END in ms)`);
    else out.view = { t0: a, t1: b };
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
