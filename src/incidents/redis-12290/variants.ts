/**
 * The model variants of Redis #12290: each is the code of the walk over
 * `db->blocking_keys[key]` as that version writes it (machines/redis-12290/walk.ts).
 */
import { countedWalk, reprocessWalk, serveStreamWalk, type WalkVariant } from '../../machines/redis-12290/walk';

export const VARIANTS: Record<string, WalkVariant> = {
  '7.2-rc2': reprocessWalk,
  '7.2-rc3': countedWalk,
  '7.0': serveStreamWalk,
};

export { VARIANT_INFO } from './variantInfo';
