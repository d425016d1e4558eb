/**
 * The manual-stepping panel's moves, sorted for reading: every enabled move,
 * none left out, those due now before those due later, and the members of a
 * lane group drawn as a count (the load's many clients) gathered into one
 * group with its count. A move due later than the soonest would jump the
 * clock past the others; it is marked so the panel can say what picking it does.
 */
import type { IncidentUi, MoveInfo } from './module';

export interface MoveRow extends MoveInfo {
  /** Due at the soonest moment among the enabled moves (picking it skips nothing). */
  now: boolean;
}

export type MoveItem = { kind: 'move'; move: MoveRow } | { kind: 'group'; id: string; label: string; moves: MoveRow[] };

export interface MoveGroups {
  items: MoveItem[];
  /** The soonest virtual time among the moves. */
  soonest: number;
  total: number;
  later: number;
}

/** `untimed`: the explorer's semantics, where any pending move may come next (none is "later"). */
export function groupMoves(
  moves: readonly MoveInfo[],
  ui: Pick<IncidentUi, 'lanes' | 'groups'>,
  opts: { untimed?: boolean } = {},
): MoveGroups {
  const soonest = Math.min(...moves.map((m) => m.at));
  const rows: MoveRow[] = moves.map((m) => ({ ...m, now: !!opts.untimed || m.at <= soonest }));
  const counted = new Map(ui.groups.filter((g) => g.collapse === 'count').map((g) => [g.id, g.label ?? g.id]));
  const groupOf = new Map(ui.lanes(moves.map((m) => m.actor)).map((l) => [l.id, l.group]));
  const grouped = (m: MoveInfo) => (counted.has(groupOf.get(m.actor) ?? '') ? 1 : 0);
  // By time (now first); at one moment the server's own threads before the crowd; else the engine's order.
  const sorted = rows
    .map((m, i) => [m, i] as const)
    .sort(([a, i], [b, j]) => a.at - b.at || grouped(a) - grouped(b) || i - j);
  const items: MoveItem[] = [];
  const open = new Map<string, Extract<MoveItem, { kind: 'group' }>>();
  for (const [m] of sorted) {
    const g = groupOf.get(m.actor);
    const label = g === undefined ? undefined : counted.get(g);
    if (g === undefined || label === undefined) {
      items.push({ kind: 'move', move: m });
      continue;
    }
    let item = open.get(g);
    if (!item) {
      item = { kind: 'group', id: g, label, moves: [] };
      open.set(g, item);
      items.push(item);
    }
    item.moves.push(m);
  }
  // A group of one is just a move.
  const flat = items.map((it) =>
    it.kind === 'group' && it.moves.length === 1 ? { kind: 'move' as const, move: it.moves[0] } : it,
  );
  return { items: flat, soonest, total: rows.length, later: rows.filter((m) => !m.now).length };
}
