/**
 * Non-progress cycles in an explored state graph, as Spin's `-l` finds them:
 * the search records its calm transitions (no progress, nobody reading a
 * mailbox, see Simulation.lastCalm) as flat edge lists, and a strongly
 * connected component of those edges (a self-loop counts) is a loop the
 * world can turn forever. Iterative Tarjan, so deep graphs do not overflow
 * the stack.
 */

/** A growable list of edges between state indices, each with a label (the move's interned key). */
export class EdgeList {
  from = new Int32Array(1024);
  to = new Int32Array(1024);
  label = new Int32Array(1024);
  length = 0;

  push(from: number, to: number, label: number): void {
    if (this.length === this.from.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.from = grow(this.from);
      this.to = grow(this.to);
      this.label = grow(this.label);
    }
    this.from[this.length] = from;
    this.to[this.length] = to;
    this.label[this.length] = label;
    this.length++;
  }
}

/** A cycle: its first state (the lowest index, the one found first) and the edges of one turn, in order. */
export interface Cycle {
  entry: number;
  /** Indices into the EdgeList, from `entry` back to it. */
  edges: number[];
}

/**
 * The cycle through the lowest-numbered state that lies on any cycle of
 * `edges` among states [0, n), with the shortest turn back to it; null when
 * the graph has none.
 */
export function firstCycle(n: number, edges: EdgeList): Cycle | null {
  const m = edges.length;
  if (!m) return null;
  // Outgoing edges per state, in compressed rows.
  const start = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) start[edges.from[e] + 1]++;
  for (let v = 0; v < n; v++) start[v + 1] += start[v];
  const out = new Int32Array(m);
  const fill = start.slice(0, n);
  for (let e = 0; e < m; e++) out[fill[edges.from[e]]++] = e;

  // Tarjan: component id per state, and whether the component holds a cycle.
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const comp = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const callV = new Int32Array(n);
  const callE = new Int32Array(n);
  let sp = 0;
  let next = 0;
  let comps = 0;
  let best = -1;
  for (let root = 0; root < n; root++) {
    if (index[root] >= 0 || start[root] === start[root + 1]) continue;
    callV[0] = root;
    callE[0] = start[root];
    let depth = 1;
    index[root] = low[root] = next++;
    stack[sp++] = root;
    onStack[root] = 1;
    while (depth) {
      const v = callV[depth - 1];
      const i = callE[depth - 1];
      if (i < start[v + 1]) {
        callE[depth - 1] = i + 1;
        const w = edges.to[out[i]];
        if (index[w] < 0) {
          index[w] = low[w] = next++;
          stack[sp++] = w;
          onStack[w] = 1;
          callV[depth] = w;
          callE[depth] = start[w];
          depth++;
        } else if (onStack[w] && index[w] < low[v]) low[v] = index[w];
        continue;
      }
      depth--;
      if (depth && low[v] < low[callV[depth - 1]]) low[callV[depth - 1]] = low[v];
      if (low[v] !== index[v]) continue;
      // v roots a component: pop it, note its lowest state, and whether it has a cycle.
      const c = comps++;
      let size = 0;
      let lowest = n;
      let w: number;
      do {
        w = stack[--sp];
        onStack[w] = 0;
        comp[w] = c;
        size++;
        if (w < lowest) lowest = w;
      } while (w !== v);
      let cyclic = size > 1;
      for (let j = start[v]; !cyclic && j < start[v + 1]; j++) cyclic = edges.to[out[j]] === v;
      if (cyclic && (best < 0 || lowest < best)) best = lowest;
    }
  }
  if (best < 0) return null;

  // The shortest turn from `best` back to it, within its component (breadth-first over edges).
  const c = comp[best];
  const via = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  queue[tail++] = best;
  while (head < tail) {
    const v = queue[head++];
    for (let j = start[v]; j < start[v + 1]; j++) {
      const e = out[j];
      const w = edges.to[e];
      if (comp[w] !== c) continue;
      if (w === best) {
        const turn = [e];
        for (let u = v; u !== best; u = edges.from[via[u]]) turn.push(via[u]);
        return { entry: best, edges: turn.reverse() };
      }
      if (via[w] < 0) {
        via[w] = e;
        queue[tail++] = w;
      }
    }
  }
  return null;
}
