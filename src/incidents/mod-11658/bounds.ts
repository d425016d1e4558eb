/** The explorer's bounds (no imports: the page reads them without pulling in the simulation). */
export interface Bounds {
  variant: string;
  workers: number;
  target: number;
  queries: number;
  loadFraction: number;
  /** A second `FT.CONFIG SET WORKERS` after the first (N -> M -> then), at any later point; null: none. */
  then?: number | null;
}

export const DEFAULT_BOUNDS: Omit<Bounds, 'variant'> = { workers: 2, target: 0, queries: 2, loadFraction: 1 };
