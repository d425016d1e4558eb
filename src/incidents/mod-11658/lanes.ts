/** The timeline's lanes in reading order, in the incident's names (no imports: the page reads it cheaply). */
export type LaneGroup = 'main' | 'gil' | 'workers' | 'uv' | 'coord' | 'clients' | 'operator';

export interface LaneInfo {
  /** Thread id, or `gil` for the ownership lane. */
  id: string;
  group: LaneGroup;
}

const GROUP_ORDER: LaneGroup[] = ['main', 'gil', 'workers', 'uv', 'coord', 'clients', 'operator'];

export function groupOf(id: string): LaneGroup {
  if (id === 'main') return 'main';
  if (id === 'gil') return 'gil';
  if (id.startsWith('workers-')) return 'workers';
  if (id.startsWith('search-uv-')) return 'uv';
  if (id.startsWith('coord-')) return 'coord';
  if (id.startsWith('client-')) return 'clients';
  return 'operator';
}

/** Lanes in reading order: main, the GIL, workers, the IO loop, coord, clients, ping and redis-cli. */
export function laneLayout(threads: readonly string[]): LaneInfo[] {
  const all = [...threads, 'gil'].map((id) => ({ id, group: groupOf(id) }));
  const num = (id: string) => Number(/(\d+)$/.exec(id)?.[1] ?? 0);
  return all.sort(
    (a, b) =>
      GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group) || num(a.id) - num(b.id) || a.id.localeCompare(b.id),
  );
}
