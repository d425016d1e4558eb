/** The manual panel's moves: none left out, the many clients gathered with a count, later moves marked. */
import { describe, expect, it } from 'vitest';
import { groupMoves } from './moveGroups';
import { infoOf } from './registry';
import type { MoveInfo } from './module';

const ui = infoOf('mod-11658').ui;
const move = (actor: string, at: number, event = 'TICK'): MoveInfo => ({
  key: `${actor}:${event}`,
  actor,
  event,
  at,
  source: 'timer',
});

describe('groupMoves', () => {
  const clients = Array.from({ length: 15 }, (_, i) => move(`client-${i + 1}`, 10 + (i % 3)));
  const g = groupMoves([move('ping', 100), ...clients, move('main', 10, 'CMD')], ui);

  it('lists every move: the clients in one group with their count, the others one by one', () => {
    const flat = g.items.flatMap((it) => (it.kind === 'move' ? [it.move] : it.moves));
    expect(flat).toHaveLength(17);
    const group = g.items.find((it) => it.kind === 'group');
    expect(group).toMatchObject({ kind: 'group', id: 'clients', label: 'clients' });
    expect(group?.kind === 'group' && group.moves.length).toBe(15);
  });

  it('puts what is due now first and marks a move due later, which would jump the clock past the others', () => {
    expect(g.soonest).toBe(10);
    expect(g.later).toBe(11);
    const first = g.items[0];
    expect(first.kind === 'move' && first.move.actor).toBe('main');
    const last = g.items.at(-1)!;
    expect(last.kind === 'move' && last.move).toMatchObject({ actor: 'ping', now: false });
  });

  it('a group of one is shown as the move itself', () => {
    const one = groupMoves([move('client-1', 5), move('main', 5)], ui);
    expect(one.items.every((it) => it.kind === 'move')).toBe(true);
    expect(one.later).toBe(0);
  });

  it('untimed, no move is later: any pending one may come next', () => {
    const u = groupMoves([move('ping', 100), move('main', 10, 'CMD')], ui, { untimed: true });
    expect(u.later).toBe(0);
    expect(u.items.every((it) => it.kind === 'move' && it.move.now)).toBe(true);
  });
});
