/** The explorer's bounds (no imports: the page reads them without pulling in the simulation). */
export interface Bounds {
  variant: string;
  subscribers: number;
  serve: boolean;
  xadds: number;
}

export const DEFAULT_BOUNDS: Omit<Bounds, 'variant'> = { subscribers: 3, serve: true, xadds: 1 };
