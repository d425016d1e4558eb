/**
 * The load generator's query mix, after the upstream regression test
 * (`test_mod_11658_avoid_deadlock_while_reducing_num_workers`): FT.SEARCH
 * `*`, `searchable`, `@category:{electronics}`, `SORTBY price`, and
 * FT.AGGREGATE `GROUPBY @category REDUCE COUNT`. The non-loading forms
 * (NOCONTENT, grouping by the SORTABLE `price`) let `loadFraction` vary.
 */
import type { Rng } from '../../engine/rng';
import type { Verb } from '../../machines/mod-11658/model';

export interface QueryTemplate {
  verb: Verb;
  text: string;
  needsLoad: boolean;
}

export const QUERY_TEMPLATES: readonly QueryTemplate[] = [
  { verb: 'FT.SEARCH', text: 'FT.SEARCH idx *', needsLoad: true },
  { verb: 'FT.SEARCH', text: 'FT.SEARCH idx searchable', needsLoad: true },
  { verb: 'FT.SEARCH', text: 'FT.SEARCH idx @category:{electronics}', needsLoad: true },
  { verb: 'FT.SEARCH', text: 'FT.SEARCH idx * SORTBY price', needsLoad: true },
  { verb: 'FT.SEARCH', text: 'FT.SEARCH idx * NOCONTENT', needsLoad: false },
  { verb: 'FT.SEARCH', text: 'FT.SEARCH idx searchable NOCONTENT', needsLoad: false },
  { verb: 'FT.AGGREGATE', text: 'FT.AGGREGATE idx * GROUPBY 1 @category REDUCE COUNT 0 AS count', needsLoad: true },
  { verb: 'FT.AGGREGATE', text: 'FT.AGGREGATE idx * GROUPBY 1 @price REDUCE COUNT 0 AS count', needsLoad: false },
];

export function pickQuery(rng: Rng, aggregateFraction: number, loadFraction: number): QueryTemplate {
  const verb: Verb = rng.next() < aggregateFraction ? 'FT.AGGREGATE' : 'FT.SEARCH';
  const load = rng.next() < loadFraction;
  const pool = QUERY_TEMPLATES.filter((q) => q.verb === verb && q.needsLoad === load);
  return pool[rng.int(pool.length)];
}

/** The n-th query (1-based) of a spread mix: FT.SEARCH, loading so that n * loadFraction queries have loaded. */
export function spreadQuery(n: number, loadFraction: number): QueryTemplate {
  const load = Math.floor(n * loadFraction + 1e-9) > Math.floor((n - 1) * loadFraction + 1e-9);
  return QUERY_TEMPLATES.find((q) => q.verb === 'FT.SEARCH' && q.needsLoad === load)!;
}
