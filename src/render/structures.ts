/**
 * Data structures an incident shows at the cursor (for now a linked list
 * being walked, as Redis #12290 walks its blocked clients), and the pure
 * layout of one: node boxes in a row, the links between them ending at NULL,
 * the `current` and `next` pointers above, and the words a screen reader
 * reads. An unlinked node keeps its place in `nodes` but is drawn below the
 * row, out of the chain.
 */

export type ListNodeState = 'waiting' | 'current' | 'unlinked' | 'appended' | 'served';
export type PointerName = 'current' | 'next';

export interface ListStructure {
  id: string;
  title: string;
  nodes: { id: string; label: string; state: ListNodeState }[];
  pointers: { name: PointerName; node: string | null }[];
  /** One sentence: what the last step did. */
  caption?: string;
}

export const LIST_STATES: readonly ListNodeState[] = ['waiting', 'current', 'unlinked', 'appended', 'served'];

export const STATE_LABELS: Record<ListNodeState, string> = {
  waiting: 'waiting',
  current: 'being visited',
  unlinked: 'unlinked',
  appended: 'appended at the tail',
  served: 'served',
};

export interface ListDims {
  /** Smallest node width; wider when a label needs it. */
  minNodeW: number;
  nodeH: number;
  /** Room for the link arrow between two nodes. */
  gap: number;
  pad: number;
  /** Height of the pointer band above the row. */
  pointerBand: number;
  /** How far below the row an unlinked node hangs. */
  drop: number;
  /** Approximate width of one label character. */
  charW: number;
}

export const LIST_DIMS: ListDims = {
  minNodeW: 56,
  nodeH: 34,
  gap: 34,
  pad: 14,
  pointerBand: 50,
  drop: 50,
  charW: 7.5,
};

export interface NodeBox {
  id: string;
  label: string;
  state: ListNodeState;
  /** Position in `nodes`. */
  index: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Arrow {
  key: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface PointerArrow extends Arrow {
  name: PointerName;
  /** The node pointed at, or null for NULL. */
  target: string | null;
  /** Where the name is written (its centre, on the baseline). */
  labelX: number;
  labelY: number;
}

export interface ListLayout {
  width: number;
  height: number;
  nodes: NodeBox[];
  /** Node to node along the chain, the last one to NULL. */
  links: Arrow[];
  nil: { x: number; y: number; w: number; h: number };
  pointers: PointerArrow[];
}

export function layoutList(s: ListStructure, d: ListDims = LIST_DIMS): ListLayout {
  const longest = Math.max(4, ...s.nodes.map((n) => n.label.length));
  const w = Math.max(d.minNodeW, Math.ceil(longest * d.charW + 20));
  const rowY = d.pad + d.pointerBand;
  const slotX = (i: number) => d.pad + i * (w + d.gap);
  const nodes: NodeBox[] = s.nodes.map((n, index) => ({
    id: n.id,
    label: n.label,
    state: n.state,
    index,
    x: slotX(index),
    y: n.state === 'unlinked' ? rowY + d.drop : rowY,
    w,
    h: d.nodeH,
  }));
  const nilW = Math.max(d.minNodeW, 4 * d.charW + 20);
  const nil = { x: slotX(s.nodes.length), y: rowY, w: nilW, h: d.nodeH };
  const mid = rowY + d.nodeH / 2;
  const chain = nodes.filter((n) => n.state !== 'unlinked');
  const links: Arrow[] = chain.map((n, i) => {
    const next = chain[i + 1];
    return {
      key: `${n.id}->${next ? next.id : 'NULL'}`,
      x1: n.x + n.w,
      y1: mid,
      x2: next ? next.x : nil.x,
      y2: mid,
    };
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  // Pointers at the same target stand side by side.
  const targets = s.pointers
    .map((p) => ({ p, box: p.node === null ? nil : byId.get(p.node) }))
    .filter((t): t is { p: (typeof s.pointers)[number]; box: NodeBox | typeof nil } => !!t.box);
  const pointers: PointerArrow[] = targets.map(({ p, box }) => {
    const same = targets.filter((t) => t.box === box);
    const k = same.findIndex((t) => t.p === p);
    const spread = Math.min(box.w / 2 - 6, 18);
    const x = box.x + box.w / 2 + (same.length > 1 ? (k - (same.length - 1) / 2) * 2 * spread : 0);
    const labelY = d.pad + 12;
    return {
      key: p.name,
      name: p.name,
      target: p.node,
      x1: x,
      y1: labelY + 6,
      x2: x,
      y2: box.y - 3,
      labelX: x,
      labelY,
    };
  });
  const anyDropped = nodes.some((n) => n.state === 'unlinked');
  return {
    width: nil.x + nil.w + d.pad,
    height: rowY + d.nodeH + (anyDropped ? d.drop : 0) + d.pad,
    nodes,
    links,
    nil,
    pointers,
  };
}

/** One item per node in list order, then NULL: the label, and the pointers at it and its state in brackets. */
export function describeList(s: ListStructure): string[] {
  const at = (id: string | null) => s.pointers.filter((p) => p.node === id).map((p) => p.name as string);
  const items = s.nodes.map((n) => {
    const notes = at(n.id);
    const redundant = n.state === 'current' && notes.includes('current');
    if (n.state !== 'waiting' && !redundant)
      notes.push(n.state === 'unlinked' ? 'unlinked, out of the list' : STATE_LABELS[n.state]);
    return notes.length ? `${n.label} (${notes.join(', ')})` : n.label;
  });
  const nilNotes = at(null);
  items.push(nilNotes.length ? `NULL (${nilNotes.join(', ')})` : 'NULL');
  return items;
}
