/**
 * What "unreduced" means for the explorer: every option that merges or
 * prunes states turned off. The soundness tests, the grid and the bench
 * compare a reduced search against this one; a new reduction adds its
 * switch here, so every comparison keeps covering it.
 */
import type { ExploreOptions } from './explorer';

export const UNREDUCED: Readonly<ExploreOptions> = Object.freeze({ symmetry: false, partialOrder: false });
