/**
 * Symmetry reduction for the explorer: a state key under which two worlds
 * that differ only by a renaming of interchangeable actors (an incident's
 * `symmetric` kinds, e.g. a pool's worker threads) are one state.
 *
 * Sound when the incident's transitions commute with every such renaming
 * (no code reads meaning into an id beyond its identity) and ids appear in
 * the world only as whole strings. The key is the hash of a representative
 * of the world's orbit: each group's members are ordered by a signature that
 * no renaming changes, then the world is hashed with the members renamed to
 * the group's ids in spawn order, everywhere (contexts, timers, mailboxes,
 * the shared record). Members the signature cannot tell apart are either
 * truly interchangeable in this world (swapping them changes nothing, so any
 * order gives the same hash), or every order is tried and the least hash
 * kept; when that is too many, or a string holds an id inside it, the world
 * keeps its unreduced key. Keys only ever merge worlds that are renamings of
 * each other; the explorer still keeps real worlds and real moves.
 */
import { combine, foldA, foldB, hashValue, type Pair } from './stateHash';
import { StateTable } from './stateTable';
import type { Crash, Simulation, Verdict } from './simulation';
import type { WorldView } from './types';

/** How often each way of keying was taken (for tests and the bench). */
export interface SymmetryStats {
  /** Worlds keyed. */
  keyed: number;
  /** Worlds whose tied members had to be tried in every order. */
  enumerated: number;
  /** Worlds that kept their unreduced key. */
  unreduced: number;
}

/** Most orders of tied members tried before a world keeps its unreduced key. */
const MAX_ORDERS = 48;
const SELF = '\u0000self';
/** What an id-like string becomes in a piece's template. */
const ID = '\u0000id';
/** Most unreduced keys remembered with their canonical key (a bound on memory; past it the memo starts over). */
const MEMO_MAX = 1 << 21;

/** The 53-bit key of a hash pair (the same range as Simulation.stateKey). */
function toKey(h: Pair): number {
  const h1 = Math.imul(h[0] ^ (h[0] >>> 16), 2246822507) ^ Math.imul(h[1] ^ (h[1] >>> 13), 3266489909);
  const h2 = Math.imul(h[1] ^ (h[1] >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** `v` with every string that `map` names replaced (shared structure where nothing changes). */
export function rename(v: unknown, map: ReadonlyMap<string, string>): unknown {
  if (typeof v === 'string') return map.get(v) ?? v;
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < v.length; i++) {
      const y = rename(v[i], map);
      if (!out && y !== v[i]) out = v.slice(0, i);
      if (out) out.push(y);
    }
    return out ?? v;
  }
  const rec = v as Record<string, unknown>;
  let out: Record<string, unknown> | null = null;
  for (const k in rec) {
    const y = rename(rec[k], map);
    if (!out && y !== rec[k]) out = { ...rec };
    if (out) out[k] = y;
  }
  return out ?? v;
}

/** Longest common prefix: every member id contains it, so a string that holds an id inside it does too. */
function commonPrefix(ids: readonly string[]): string {
  let p = ids[0];
  for (const id of ids) while (!id.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/** Every ordering of `xs`. */
function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length < 2) return [xs.slice()];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

/**
 * One immutable piece of a world (a snapshot, a timer's event, a message)
 * and what keying needs of it, computed once per object: the engine replaces
 * these objects when they change, never edits them.
 */
interface Piece {
  value: unknown;
  /** How many string leaves it has (walk order); the id-like ones are kept in `idStrings`. */
  count: number;
  /** For the Keyer's prefixes at `version`: the strings holding one, and whether a key does. */
  version: number;
  idLike: number[];
  idStrings: string[];
  keyUnsafe: boolean;
  /**
   * Its hash with every id-like string replaced by one marker (its plain
   * hash when it has none): with the hashes of the strings put there, in
   * walk order, it makes the piece's hash under any renaming, without
   * renaming it (see Keyer.hashOf).
   */
  template: Pair;
}

function strings(v: unknown, out: string[], keys: string[]): void {
  if (typeof v === 'string') out.push(v);
  else if (typeof v === 'object' && v !== null) {
    if (Array.isArray(v)) for (const x of v) strings(x, out, keys);
    else
      for (const k in v as Record<string, unknown>) {
        keys.push(k);
        strings((v as Record<string, unknown>)[k], out, keys);
      }
  }
}

const holds = (s: string, prefixes: readonly string[]) => {
  for (const p of prefixes) if (s.includes(p)) return true;
  return false;
};

const NULL_PAIR = hashValue(null);
const NO_IDS: number[] = [];
/**
 * Where a piece's keying data is kept: on the object itself, under a symbol
 * (a WeakMap of millions of objects costs the garbage collector dearly; the
 * structural hash, JSON and structured clone all ignore symbol keys).
 */
const PIECE = Symbol('symmetry piece');
/** Versions of the Keyers' prefix sets, unique across Keyers (a piece may be met by several simulations). */
let epoch = 0;

interface Member {
  group: number;
  /** Position in the world's actor list. */
  pos: number;
  /** Leaf positions where it appears outside the groups' own parts, in walk order. */
  at: number[];
  /** Where it appears inside members' parts (host group and leaf position there), as a sorted multiset. */
  inMembers: number[];
}

const NONE: ReadonlyMap<string, string> = new Map();

// What each kind of piece hashes, as in Simulation.stateKey (state, context; a timer's event; a message without its time).
const snapValue = (s: { value: unknown; context: unknown }) => [s.value, s.context];
const itself = (x: object) => x;
const messageValue = (m: { from: string; event: unknown }) => [m.from, m.event];

/** The renaming that sends `order[g][i]` to `groups[g][i]`, and its inverse. */
function renaming(groups: readonly (readonly string[])[], order: readonly (readonly string[])[]) {
  const to = new Map<string, string>();
  const from = new Map<string, string>();
  groups.forEach((g, gi) =>
    g.forEach((id, i) => {
      const src = order[gi][i];
      if (src !== id) {
        to.set(src, id);
        from.set(id, src);
      }
    }),
  );
  return { to, from };
}

const swap = (a: string, b: string) =>
  new Map([
    [a, b],
    [b, a],
  ]);

/** Keys worlds of one simulation, with a cache of its pieces. */
class Keyer {
  constructor(private readonly stats?: SymmetryStats) {}

  /** Per kind, the common prefix of every member id seen so far (it only shrinks), and all of them. */
  private readonly known = new Map<string, string>();
  private prefixes: string[] = [];
  private version = ++epoch;

  /** The piece kept on `key`, whose value is `valueOf(key)` (made only the first time: most pieces are met again). */
  private piece<K extends object>(key: K, valueOf: (k: K) => unknown): Piece {
    const holder = key as { [PIECE]?: Piece };
    let p = holder[PIECE];
    let value = p?.value;
    if (!p) {
      value = valueOf(key);
      p = {
        value,
        count: 0,
        version: -1,
        idLike: NO_IDS,
        idStrings: [],
        keyUnsafe: false,
        template: NULL_PAIR,
      };
      if (Object.isExtensible(key)) holder[PIECE] = p;
    }
    if (p.version !== this.version) {
      // Rare (a kind's prefix changed): walk the value again rather than keep every string of every piece.
      const out: string[] = [];
      const keys: string[] = [];
      strings(value, out, keys);
      p.version = this.version;
      p.count = out.length;
      p.idLike = [];
      out.forEach((s, i) => holds(s, this.prefixes) && p!.idLike.push(i));
      if (!p.idLike.length) p.idLike = NO_IDS;
      p.idStrings = p.idLike.map((i) => out[i]);
      p.keyUnsafe = keys.some((k) => holds(k, this.prefixes));
      p.template = hashValue(p.idLike.length ? rename(value, new Map(p.idStrings.map((x) => [x, ID]))) : value);
    }
    return p;
  }

  private readonly ids = new Map<string, Pair>();
  private idHash(id: string): Pair {
    let h = this.ids.get(id);
    if (!h) this.ids.set(id, (h = hashValue(id)));
    return h;
  }

  /**
   * The hash of a piece with its member ids renamed by `to`: its template
   * folded with the hash of each id-like string as renamed, in walk order (the
   * template says where they stand, so the two make the renamed value).
   */
  private hashOf(p: Piece, to: ReadonlyMap<string, string>): Pair {
    const strs = p.idStrings;
    if (!strs.length) return p.template;
    let a = p.template[0];
    let b = p.template[1];
    for (let j = 0; j < strs.length; j++) {
      const h = this.idHash(to.get(strs[j]) ?? strs[j]);
      a = foldA(a, h[0]);
      b = foldB(b, h[1]);
    }
    return [a, b];
  }

  key(view: WorldView<unknown>, crash: Crash | null, livelock: Verdict | null, kinds: readonly string[]): number {
    const stats = this.stats;
    if (stats) stats.keyed++;
    const all = kinds.map((k) => view.actorsOfKind(k).map((a) => a.id));
    all.forEach((g, i) => {
      if (!g.length) return;
      const was = this.known.get(kinds[i]);
      const now = commonPrefix(was === undefined ? g : [was, ...g]);
      if (now === was) return;
      this.known.set(kinds[i], now);
      this.prefixes = [...this.known.values()];
      this.version = ++epoch;
    });
    const groups = all.filter((g) => g.length > 1);
    // A string holding a renamed group's prefix must be one of its ids (the known prefix is no longer than the group's own).
    const prefixes = kinds.filter((_, i) => all[i].length > 1).map((k) => this.known.get(k)!);
    const actors = view.actors();
    const ids = actors.map((a) => a.id);
    // As in Simulation.stateKey: state, context, pending timer event and mailbox without times.
    const parts: Piece[][] = ids.map((id) => {
      const snap = view.snapshot(id)!;
      const timer = view.timer(id);
      const out = [this.piece(snap, snapValue)];
      if (timer) out.push(this.piece(timer.event, itself));
      for (const m of view.mailbox(id)) out.push(this.piece(m, messageValue));
      return out;
    });
    const timed = ids.map((id) => view.timer(id) !== undefined);
    // The shared record is edited in place: never cached.
    const head = [view.shared, crash ? crash.message : null, livelock ? livelock.cycle : null];
    const members = new Map<string, Member>();
    groups.forEach((g, group) => {
      for (const id of g) members.set(id, { group, pos: ids.indexOf(id), at: [], inMembers: [] });
    });
    let unsafe = false;
    const headStrings: string[] = [];
    const headKeys: string[] = [];
    strings(head, headStrings, headKeys);
    if (headKeys.some((k) => holds(k, prefixes))) unsafe = true;
    // Where each member id appears: leaf positions, outside the members' parts and inside each of them.
    let leaf = 0;
    /** Per part (the head last), the member ids in it: only those parts change under a renaming. */
    const contains: string[][] = ids.map(() => []);
    const inHead: string[] = [];
    let into = inHead;
    const note = (s: string, m: Member | undefined, host: number) => {
      leaf++;
      if (!m) {
        if (holds(s, prefixes)) unsafe = true;
        return;
      }
      into.push(s);
      if (host < 0) m.at.push(leaf);
      else m.inMembers.push(host * 1_000_000 + leaf);
    };
    for (const s of headStrings) note(s, members.get(s), -1);
    ids.forEach((id, i) => {
      into = contains[i];
      const self = members.get(id);
      const host = self ? self.group : -1;
      // A member's part counts its own leaves (its place in the actor list is not renaming-invariant).
      const outside = leaf;
      if (self) leaf = 0;
      note(id, self, host);
      for (const p of parts[i]) {
        if (p.keyUnsafe) unsafe = true;
        let at = 0;
        for (let x = 0; x < p.idLike.length; x++) {
          const j = p.idLike[x];
          leaf += j - at;
          at = j + 1;
          note(p.idStrings[x], members.get(p.idStrings[x]), host);
        }
        leaf += p.count - at;
      }
      if (self) leaf = outside;
    });
    /** The world renamed by `to` (`from` its inverse): each position holds the part of the actor renamed to its id. */
    const partHash = (src: number, to: ReadonlyMap<string, string>): Pair => {
      const id = ids[src];
      let part = this.idHash(to.get(id) ?? id);
      const pieces = parts[src];
      part = combine(part, this.hashOf(pieces[0], to));
      let k = 1;
      part = combine(part, timed[src] ? this.hashOf(pieces[k++], to) : NULL_PAIR);
      part = combine(part, [pieces.length - k, 0]);
      for (; k < pieces.length; k++) part = combine(part, this.hashOf(pieces[k], to));
      return part;
    };
    const plainParts: (Pair | undefined)[] = [];
    let plainHead: Pair | undefined;
    const moves = (to: ReadonlyMap<string, string>, inPart: readonly string[]) => inPart.some((x) => to.has(x));
    const hash = (to: ReadonlyMap<string, string>, from: ReadonlyMap<string, string>): Pair => {
      let h = moves(to, inHead) ? hashValue(rename(head, to)) : (plainHead ??= hashValue(head));
      for (let p = 0; p < ids.length; p++) {
        const src = members.has(ids[p]) ? members.get(from.get(ids[p]) ?? ids[p])!.pos : p;
        const same = src === p && !moves(to, contains[p]);
        h = combine(h, same ? (plainParts[p] ??= partHash(p, NONE)) : partHash(src, to));
      }
      return h;
    };
    const identity = () => hash(NONE, NONE);
    if (!groups.length) return toKey(identity());
    if (unsafe) {
      if (stats) stats.unreduced++;
      return toKey(identity());
    }
    // A member's signature: its own part with every member id replaced by its group's placeholder (itself by SELF), and where it appears.
    const placeholders = new Map<string, string>();
    groups.forEach((g, gi) => g.forEach((id) => placeholders.set(id, `\u0000${gi}`)));
    const sig = new Map<string, Pair>();
    for (const [id, m] of members) {
      placeholders.set(id, SELF);
      const pieces = parts[m.pos];
      let own = combine(hashValue(pieces.length), timed[m.pos] ? [1, 1] : [0, 0]);
      for (const p of pieces) own = combine(own, this.hashOf(p, placeholders));
      placeholders.set(id, `\u0000${m.group}`);
      sig.set(id, combine(own, hashValue([m.at, m.inMembers.sort((a, b) => a - b)])));
    }
    const cmp = (a: string, b: string) => {
      const x = sig.get(a)!;
      const y = sig.get(b)!;
      return x[0] - y[0] || x[1] - y[1];
    };
    // Array.prototype.sort is stable: ties stay in spawn order.
    const order = groups.map((g) => g.slice().sort(cmp));
    // Runs of tied members that are not interchangeable in this world: their orders must all be tried.
    const open: { group: number; start: number; ids: string[] }[] = [];
    let base: Pair | null = null;
    order.forEach((o, gi) => {
      for (let i = 0; i < o.length;) {
        let j = i + 1;
        while (j < o.length && cmp(o[i], o[j]) === 0) j++;
        if (j - i > 1) {
          const ids = o.slice(i, j);
          base ??= identity();
          // Adjacent swaps generate every order of the run: if each leaves the world as it is, so does every order.
          const fixed = ids.every((id, k) => {
            if (k === 0) return true;
            const t = swap(ids[k - 1], id);
            const h = hash(t, t);
            return h[0] === base![0] && h[1] === base![1];
          });
          if (!fixed) open.push({ group: gi, start: i, ids });
        }
        i = j;
      }
    });
    if (!open.length) {
      const r = renaming(groups, order);
      return toKey(hash(r.to, r.from));
    }
    let count = 1;
    for (const run of open) for (let k = 2; k <= run.ids.length; k++) count *= k;
    if (count > MAX_ORDERS) {
      if (stats) stats.unreduced++;
      return toKey(base ?? identity());
    }
    if (stats) stats.enumerated++;
    let best = Infinity;
    const perms = open.map((run) => permutations(run.ids));
    const pick = (k: number): void => {
      if (k === open.length) {
        const r = renaming(groups, order);
        best = Math.min(best, toKey(hash(r.to, r.from)));
        return;
      }
      const run = open[k];
      for (const p of perms[k]) {
        order[run.group].splice(run.start, p.length, ...p);
        pick(k + 1);
      }
    };
    pick(0);
    return best;
  }
}

/**
 * The explorer's state key for `sim` under symmetry reduction, or null when
 * its incident declares no interchangeable actors.
 */
export function symmetricKey<C, S>(sim: Simulation<C, S>, stats?: SymmetryStats): (() => number) | null {
  const kinds = sim.incident.symmetric;
  if (!kinds?.length) return null;
  const keyer = new Keyer(stats);
  // The unreduced key covers everything the canonical one reads, and is cheap (cached per actor): worlds met again are not keyed again.
  const memo = new StateTable();
  return () => {
    const raw = sim.stateKey();
    let key = memo.get(raw);
    if (key < 0) {
      if (memo.size >= MEMO_MAX) memo.clear();
      memo.set(raw, (key = keyer.key(sim.view as WorldView<unknown>, sim.crash, sim.livelock, kinds)));
    }
    return key;
  };
}
