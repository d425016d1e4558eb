/** Colours of span states and the GIL's owners, read from CSS custom properties so the themes own them. */
import { SPAN_KINDS } from '../engine/packed';
import type { SpanKind } from '../engine/types';

export type Palette = Record<SpanKind, string> & {
  gilMain: string;
  gilWorker: string;
  gilOther: string;
  text: string;
  grid: string;
  cursor: string;
  cycle: string;
  handoff: string;
  background: string;
};

export const SPAN_LABELS: Record<SpanKind, string> = {
  running: 'running',
  holdGil: 'holding the GIL',
  waitGil: 'waiting for the GIL',
  barrier: 'waiting at a barrier',
  spinning: 'spinning (usleep loop)',
  waitChannel: 'waiting on a channel',
  waitReply: 'waiting for a reply',
  idle: 'idle',
  exited: 'exited',
};

const FALLBACK: Palette = {
  idle: '#e3e6ec',
  running: '#5b8def',
  holdGil: '#2f9e6f',
  waitGil: '#e4572e',
  barrier: '#9b59b6',
  spinning: '#f2a541',
  waitChannel: '#c48a3a',
  waitReply: '#c9d3e6',
  exited: '#f3f4f6',
  gilMain: '#2f9e6f',
  gilWorker: '#1f6f8b',
  gilOther: '#8a6d3b',
  text: '#1d2433',
  grid: '#d8dbe2',
  cursor: '#1d2433',
  cycle: '#d62828',
  handoff: '#5b6475',
  background: '#ffffff',
};

export function readPalette(el: Element | null): Palette {
  if (!el || typeof getComputedStyle === 'undefined') return FALLBACK;
  const css = getComputedStyle(el);
  const out = { ...FALLBACK };
  for (const k of Object.keys(FALLBACK) as (keyof Palette)[]) {
    const v = css.getPropertyValue(`--c-${k}`).trim();
    if (v) out[k] = v;
  }
  return out;
}

export const kindName = (code: number): SpanKind => SPAN_KINDS[code];
export { FALLBACK as DEFAULT_PALETTE };
