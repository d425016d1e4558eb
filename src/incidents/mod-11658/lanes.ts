/** The timeline's lanes in reading order, in the incident's names (type imports only: the page reads it cheaply). */
import type { LaneGroupInfo, LaneInfo } from '../module';

export type LaneGroup = 'main' | 'gil' | 'workers' | 'uv' | 'coord' | 'clients' | 'operator';
export type { LaneInfo };

/** The groups in reading order: the coordinator's pool stacks into one row, the clients into an in-flight count. */
export const LANE_GROUPS: readonly LaneGroupInfo[] = [
  { id: 'main' },
  { id: 'gil' },
  { id: 'workers' },
  { id: 'uv' },
  { id: 'coord', collapse: 'stack', label: 'coord' },
  { id: 'clients', collapse: 'count', label: 'clients' },
  { id: 'operator' },
];

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
