/**
 * The loop of `handleClientsBlockedOnKey` (7.2) or `serveClientsBlockedOnStreamKey`
 * (7.0) over `db->blocking_keys[key]`, as the variants write it. `listNext`
 * (adlist.c) saves `iter->next = current->next` before it returns `current`,
 * so a node appended at the tail while the walk runs is reached later.
 */

export interface Walk {
  key: string;
  /** The node `listNext` returned last (a client id), null before the first. */
  current: string | null;
  /** `li.next`: the node the next `listNext` returns. */
  next: string | null;
  /** #12301's `count` (null where the code has none). */
  count: number | null;
}

export interface WalkVariant {
  id: string;
  /** `listRewind(clients, &li)` (and #12301's `long count = listLength(clients)`). */
  rewind(key: string, clients: readonly string[]): Walk;
  /** `listNext` and the loop condition: the walk after it, or null when the loop ends. */
  listNext(walk: Walk, clients: readonly string[]): Walk | null;
  /** The loop body: re-run the client's command (7.2) or serve it from the stream (7.0). */
  body: 'unblockClientOnKey' | 'serveClientsBlockedOnStreamKey';
  /** The function that walks, with its callers up to `processCommand`. */
  frames: readonly string[];
}

/** `listNext`: the saved next node, and the node after it saved in its place. */
function listNext(walk: Walk, clients: readonly string[]): Walk | null {
  const current = walk.next;
  if (current === null) return null;
  const i = clients.indexOf(current);
  return { ...walk, current, next: i >= 0 && i + 1 < clients.length ? clients[i + 1] : null };
}

/** 7.2-rc1/rc2 (#11012): `while ((ln = listNext(&li)))`. */
export const reprocessWalk: WalkVariant = {
  id: '7.2-rc2',
  rewind: (key, clients) => ({ key, current: null, next: clients[0] ?? null, count: null }),
  listNext,
  body: 'unblockClientOnKey',
  frames: ['handleClientsBlockedOnKey', 'handleClientsBlockedOnKeys'],
};

/** 7.2-rc3 (#12301): `long count = listLength(clients); while ((ln = listNext(&li)) && count--)`. */
export const countedWalk: WalkVariant = {
  id: '7.2-rc3',
  rewind: (key, clients) => ({ key, current: null, next: clients[0] ?? null, count: clients.length }),
  listNext(walk, clients) {
    const after = listNext(walk, clients);
    if (!after) return null;
    // `count--` is 0 (false) once the initial clients have had their turn.
    if (walk.count === 0) return null;
    return { ...after, count: (walk.count ?? 0) - 1 };
  },
  body: 'unblockClientOnKey',
  frames: ['handleClientsBlockedOnKey', 'handleClientsBlockedOnKeys'],
};

/** 7.0: `serveClientsBlockedOnStreamKey` walks with `while ((ln = listNext(&li)))` but re-runs nothing. */
export const serveStreamWalk: WalkVariant = {
  id: '7.0',
  rewind: (key, clients) => ({ key, current: null, next: clients[0] ?? null, count: null }),
  listNext,
  body: 'serveClientsBlockedOnStreamKey',
  frames: ['serveClientsBlockedOnStreamKey', 'handleClientsBlockedOnKeys'],
};
