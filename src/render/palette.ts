/**
 * Colours of the timeline: span kinds come from the incident (its UI face
 * declares each kind's label and its light and dark colour); the rest
 * (grid, cursor, cycle, lock owners) from CSS custom properties, so the
 * themes own them.
 */
import type { SpanKindInfo } from '../incidents/module';

export interface Palette {
  /** Colour of each span kind, by name. */
  span: Record<string, string>;
  gilMain: string;
  gilWorker: string;
  gilOther: string;
  text: string;
  grid: string;
  cursor: string;
  cycle: string;
  handoff: string;
  background: string;
  /** The point-of-no-return strip: safe, unknown, some futures hang. */
  fateSafe: string;
  fateUnknown: string;
  fateSome: string;
  /** The requests-in-flight row. */
  inFlight: string;
}

/** Kinds the engine itself may open (a thread proved to loop forever). */
export const ENGINE_KINDS: readonly SpanKindInfo[] = [
  { id: 'looping', label: 'endless loop (no progress)', light: '#c2255c', dark: '#f06595', cpu: true },
];

const FALLBACK: Omit<Palette, 'span'> = {
  gilMain: '#2f9e6f',
  gilWorker: '#1f6f8b',
  gilOther: '#8a6d3b',
  text: '#1d2433',
  grid: '#d8dbe2',
  cursor: '#1d2433',
  cycle: '#d62828',
  handoff: '#5b6475',
  background: '#ffffff',
  fateSafe: '#2b8a5e',
  fateUnknown: '#e6e9ef',
  fateSome: '#e8a317',
  inFlight: '#c3cde0',
};

/** The CSS custom property of each colour (the themes set them in app.css). */
const CSS_VAR: Record<keyof typeof FALLBACK, string> = {
  gilMain: '--c-gilMain',
  gilWorker: '--c-gilWorker',
  gilOther: '--c-gilOther',
  text: '--c-text',
  grid: '--c-grid',
  cursor: '--c-cursor',
  cycle: '--c-cycle',
  handoff: '--c-handoff',
  background: '--c-background',
  fateSafe: '--c-holdGil',
  fateUnknown: '--c-idle',
  fateSome: '--c-spinning',
  inFlight: '--c-waitReply',
};

const UNKNOWN_KIND = '#9aa3b5';

export function spanColors(kinds: readonly SpanKindInfo[], dark: boolean): Record<string, string> {
  return Object.fromEntries([...kinds, ...ENGINE_KINDS].map((k) => [k.id, dark ? k.dark : k.light]));
}

/** The colour of a kind, or a neutral grey for one the incident did not declare. */
export const colorOf = (p: Palette, kind: string) => p.span[kind] ?? UNKNOWN_KIND;

export function readPalette(el: Element | null, kinds: readonly SpanKindInfo[] = [], dark = false): Palette {
  const out: Palette = { ...FALLBACK, span: spanColors(kinds, dark) };
  if (!el || typeof getComputedStyle === 'undefined') return out;
  const css = getComputedStyle(el);
  for (const k of Object.keys(FALLBACK) as (keyof typeof FALLBACK)[]) {
    const v = css.getPropertyValue(CSS_VAR[k]).trim();
    if (v) out[k] = v;
  }
  return out;
}

/** Whether the page is in its dark theme (the system setting). */
export const prefersDark = () =>
  typeof matchMedia !== 'undefined' && matchMedia('(prefers-color-scheme: dark)').matches;

/** A kind's words, from the incident's declaration. */
export function kindLabel(kinds: readonly SpanKindInfo[], kind: string): string {
  return [...kinds, ...ENGINE_KINDS].find((k) => k.id === kind)?.label ?? kind;
}

export { FALLBACK as DEFAULT_PALETTE };
