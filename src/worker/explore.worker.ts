/**
 * Runs the exhaustive explorer off the page's main thread, one variant after
 * another, posting progress. The page cancels by terminating the worker.
 */
import { exploreBounds, type Bounds } from '../incidents/mod-11658/explore';
import type { ExploreResult } from '../engine/explorer';

export type ToExplorer = { type: 'explore'; bounds: Omit<Bounds, 'variant'>; variants: string[] };
export type FromExplorer =
  | { type: 'progress'; variant: string; states: number; seconds: number }
  | { type: 'result'; variant: string; result: ExploreResult }
  | { type: 'done' };

const post = (m: FromExplorer) => (self as unknown as Worker).postMessage(m);

self.onmessage = (e: MessageEvent<ToExplorer>) => {
  const { bounds, variants } = e.data;
  for (const variant of variants) {
    const result = exploreBounds(
      { ...bounds, variant },
      { progressEvery: 2000, onProgress: (p) => void post({ type: 'progress', variant, ...p }) },
    );
    post({ type: 'result', variant, result });
  }
  post({ type: 'done' });
};
