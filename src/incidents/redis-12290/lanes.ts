/** The timeline's lanes in reading order, in the incident's names (no imports: the page reads it cheaply). */
export type LaneGroup = 'main' | 'subscribers' | 'feeder' | 'operator';

export interface LaneInfo {
  id: string;
  group: LaneGroup;
}

const GROUP_ORDER: LaneGroup[] = ['main', 'subscribers', 'feeder', 'operator'];

export function groupOf(id: string): LaneGroup {
  if (id === 'main') return 'main';
  if (id.startsWith('subscriber-')) return 'subscribers';
  if (id === 'feeder') return 'feeder';
  return 'operator';
}

/** Lanes in reading order: main, the subscribers, the feeder, then ping, the new client and redis-cli. */
export function laneLayout(threads: readonly string[]): LaneInfo[] {
  const num = (id: string) => Number(/(\d+)$/.exec(id)?.[1] ?? 0);
  const rank = (id: string) => ['ping', 'newclient', 'redis-cli'].indexOf(id);
  return threads
    .map((id) => ({ id, group: groupOf(id) }))
    .sort(
      (a, b) =>
        GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group) ||
        num(a.id) - num(b.id) ||
        rank(a.id) - rank(b.id) ||
        a.id.localeCompare(b.id),
    );
}
