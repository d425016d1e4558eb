/**
 * Pure placement rules of the timeline's DOM parts: axis labels kept inside
 * the axis, the hover card kept inside the viewport, and which rows a tour
 * chapter names. No DOM here, so the rules are unit-tested.
 */
import type { Row } from './geometry';

/**
 * How far to move a label centred at `x` (`w` wide) so that it lies within
 * [0, width]: the first and last tick labels would otherwise be cut in half
 * at the edges of the axis.
 */
export function labelShift(x: number, w: number, width: number): number {
  const left = x - w / 2;
  const right = x + w / 2;
  if (w >= width) return -left;
  if (left < 0) return -left;
  if (right > width) return width - right;
  return 0;
}

export interface Box {
  width: number;
  height: number;
}

const GAP = 14;
const MARGIN = 4;

/**
 * The top-left corner (viewport coordinates) of a card of `size` shown for a
 * pointer at (`x`, `y`): below and right of it when it fits, above it when
 * it would run past the bottom, and always clamped inside `view`.
 */
export function placeCard(x: number, y: number, size: Box, view: Box): { left: number; top: number } {
  let left = x + GAP;
  if (left + size.width > view.width - MARGIN) left = x - GAP - size.width;
  left = clamp(left, MARGIN, view.width - MARGIN - size.width);
  let top = y + GAP;
  if (top + size.height > view.height - MARGIN) top = y - GAP - size.height;
  top = clamp(top, MARGIN, view.height - MARGIN - size.height);
  return { left, top };
}

// When the box is larger than the room, its start wins (the top-left stays visible).
const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(v, hi));

/**
 * Whether a row stands for a lane a tour chapter names: the row's own lane id
 * (its key, not its label: the GIL row is labelled 'GIL' but keyed `gil`), or
 * for a collapsed group any of its members.
 */
export function rowNamed(
  row: Row,
  patterns: readonly string[],
  lanes: readonly string[],
  matches: (pattern: string, lane: string) => boolean,
): boolean {
  const ids = row.kind === 'lane' || row.kind === 'lock' ? [row.key] : row.lanes.map((i) => lanes[i]);
  return patterns.some((p) => ids.some((id) => id !== undefined && matches(p, id)));
}
