/**
 * Scenarios a user can open in one click: the upstream regression tests and
 * the residual risk that upstream still documents in the fixed code.
 */
import { DEFAULT_SHARE, type ShareState } from './hash';

export interface Preset {
  id: string;
  title: string;
  state: ShareState;
}

const s = (over: Partial<ShareState>): ShareState => ({ ...DEFAULT_SHARE, ...over });

export const PRESETS: readonly Preset[] = [
  { id: 'regression', title: 'The regression test: WORKERS 8 → 0 under load (pre-fix)', state: DEFAULT_SHARE },
  {
    id: 'regression-fixed',
    title: 'The same with the fix (#7410)',
    state: s({ variant: 'fixed', until: 1500 }),
  },
  {
    id: 'residual-risk',
    title: 'Residual risk in the fix: 8 → 0 → 8 while old threads still drain',
    state: s({
      variant: 'fixed',
      seed: 4,
      until: 800,
      commands: [
        { at: 300, text: 'FT.CONFIG SET WORKERS 0' },
        { at: 300.05, text: 'FT.CONFIG SET WORKERS 8' },
      ],
    }),
  },
  {
    id: 'zero-to-eight',
    title: 'WORKERS 0 → 8 under load',
    state: s({ workers: 0, commands: [{ at: 300, text: 'CONFIG SET search-workers 8' }] }),
  },
  {
    id: 'reduction-sequence',
    title: 'WORKERS 8 → 4 → 2 → 1 → 0 without load',
    state: s({
      clients: 0,
      until: 600,
      commands: [
        { at: 10, text: 'FT.SEARCH idx *' },
        { at: 100, text: 'FT.CONFIG SET WORKERS 4' },
        { at: 200, text: 'FT.CONFIG SET WORKERS 2' },
        { at: 300, text: 'FT.CONFIG SET WORKERS 1' },
        { at: 400, text: 'FT.CONFIG SET WORKERS 0' },
      ],
    }),
  },
];
