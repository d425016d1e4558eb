/**
 * Wait-for graph analysis: finds a cycle among the open edges. Nodes are
 * threads and the objects they wait on (locks, barriers, channels); an edge
 * points from a waiter to the only party that can release it.
 */
import type { WaitEdge } from './types';

/**
 * Whether `edges` contain a cycle, without allocating per node: repeatedly
 * drops edges that lead to a node with no remaining outgoing edge. Edge sets
 * here are small (a few waiters), and this runs at most steps.
 */
export function hasCycle(edges: readonly WaitEdge[]): boolean {
  const n = edges.length;
  if (n < 2) return false;
  const alive = new Uint8Array(n).fill(1);
  let remaining = n;
  let changed = true;
  while (changed && remaining) {
    changed = false;
    for (let i = 0; i < n; i++) {
      if (!alive[i]) continue;
      const to = edges[i].to;
      let continues = false;
      for (let j = 0; j < n && !continues; j++) if (alive[j] && edges[j].from === to) continues = true;
      if (!continues) {
        alive[i] = 0;
        remaining--;
        changed = true;
      }
    }
  }
  return remaining > 0;
}

/**
 * A cycle in `edges`, as the node list in edge order, rotated to start at the
 * first node of `order` that it contains; null when the graph is acyclic.
 */
export function findCycle(edges: readonly WaitEdge[], order: readonly string[] = []): string[] | null {
  const out = new Map<string, string[]>();
  for (const e of edges) {
    let list = out.get(e.from);
    if (!list) out.set(e.from, (list = []));
    list.push(e.to);
  }
  const state = new Map<string, 1 | 2>();
  const path: string[] = [];
  let found: string[] | null = null;
  const visit = (n: string): boolean => {
    state.set(n, 1);
    path.push(n);
    for (const m of out.get(n) ?? []) {
      const s = state.get(m);
      if (s === 1) {
        found = path.slice(path.indexOf(m));
        return true;
      }
      if (s === undefined && visit(m)) return true;
    }
    path.pop();
    state.set(n, 2);
    return false;
  };
  const starts = [...order.filter((n) => out.has(n)), ...[...out.keys()].sort()];
  for (const n of starts) {
    if (!state.has(n) && visit(n)) break;
  }
  if (!found) return null;
  const cycle: string[] = found;
  const rank = (n: string) => {
    const i = order.indexOf(n);
    return i < 0 ? order.length : i;
  };
  let best = 0;
  for (let i = 1; i < cycle.length; i++) {
    if (rank(cycle[i]) < rank(cycle[best]) || (rank(cycle[i]) === rank(cycle[best]) && cycle[i] < cycle[best])) {
      best = i;
    }
  }
  return [...cycle.slice(best), ...cycle.slice(0, best)];
}

/**
 * Nodes that can never be released. A node is free when it has an enabled
 * move, or when enough of its successors are free: all of them for a thread
 * or a lock (one edge each), `quota` of them for a barrier. What is not free
 * at the fixpoint is stuck for good, because a blocked thread only ever
 * wakes through the node it waits on.
 */
export function stuckNodes(edges: readonly WaitEdge[], movable: ReadonlySet<string>): Set<string> {
  const out = new Map<string, { to: string[]; need: number }>();
  for (const e of edges) {
    let n = out.get(e.from);
    if (!n) out.set(e.from, (n = { to: [], need: 0 }));
    n.to.push(e.to);
    n.need = e.quota ?? n.to.length;
  }
  const free = new Set<string>();
  for (const e of edges) {
    if (movable.has(e.from)) free.add(e.from);
    if (movable.has(e.to)) free.add(e.to);
  }
  let changed = true;
  while (changed) {
    changed = false;
    for (const [node, { to, need }] of out) {
      if (free.has(node)) continue;
      let ok = 0;
      for (const m of to) if (free.has(m) || !out.has(m)) ok++;
      if (ok >= need) {
        free.add(node);
        changed = true;
      }
    }
  }
  const stuck = new Set<string>();
  for (const node of out.keys()) if (!free.has(node)) stuck.add(node);
  return stuck;
}

/**
 * A deadlock among `edges`: a cycle all of whose nodes are stuck (no enabled
 * move can ever release them, see stuckNodes), with the edges among stuck
 * nodes; null when there is none. `order` chooses where the cycle starts.
 */
export function stuckCycle(
  edges: readonly WaitEdge[],
  movable: ReadonlySet<string>,
  order: readonly string[],
): { cycle: string[]; stuckEdges: WaitEdge[] } | null {
  if (!hasCycle(edges)) return null;
  const stuck = stuckNodes(edges, movable);
  if (!stuck.size) return null;
  const stuckEdges = edges.filter((e) => stuck.has(e.from) && stuck.has(e.to));
  const cycle = findCycle(stuckEdges, order);
  return cycle ? { cycle, stuckEdges } : null;
}
