/**
 * Redis #12290's narrated tour and glossary: each chapter loads a real run
 * and puts the cursor at a moment found in it. Words from incident-model.md §10.
 */
import type { TourChapter } from '../module';

export const GLOSSARY: Readonly<Record<string, string>> = {
  'blocked list':
    'db->blocking_keys[key]: the FIFO list of clients blocked on a key (here the stream tasks_queue), walked in order when the key is signalled as ready.',
  XREADGROUP:
    'Reads new entries of a stream for a consumer group (`>`: entries never delivered to the group). With BLOCK, a reader with nothing to read waits on the key\u2019s blocked list.',
  last_id:
    'group->last_id: the last entry the consumer group has delivered. A reader is served only if the stream has an entry past it.',
  reprocess:
    '#11012 (7.2-rc1/rc2): when a blocked client is unblocked, its command is run again from scratch (processCommandAndResetClient). If it still cannot be served, it blocks again, at the tail of the list.',
};

export const TOUR: readonly TourChapter[] = [
  {
    id: 'two-readers',
    title: 'Two readers: the walk ends',
    text: [
      'Two subscribers block in XREADGROUP \u2026 BLOCK on tasks_queue; the feeder XADDs a task every 100 ms. Each XADD signals the key as ready; main walks the blocked list in handleClientsBlockedOnKey and re-runs each reader\u2019s XREADGROUP. One is served, the other blocks again at the tail, and the walk reaches the end.',
    ],
    look: 'The blocked-clients list under the timeline: the current and next pointers, and a node re-appended at the tail.',
    scenario: { settings: { subscribers: 2 } },
    at: { kind: 'span', lane: 'main', fn: 'releaseBlockedEntry' },
    zoomMs: 3,
    lanes: ['main', 'subscriber-'],
    panel: 'Lists',
  },
  {
    id: 'three-readers',
    title: 'Three readers: the walk never ends',
    text: [
      'With three readers, the walk\u2019s saved next pointer always finds a node that was re-appended at the tail: listNext hands back a reader that blocked again during this same walk, which is re-run, blocks again at the tail, and so on. Main runs at 100% CPU inside one call of handleClientsBlockedOnKeys.',
    ],
    look: 'The main lane turns into one endless stretch: the engine proves the loop (the same state recurs with no input from outside).',
    scenario: {},
    at: { kind: 'verdict' },
    zoomMs: 20,
    lanes: ['main', 'subscriber-'],
    panel: 'Lists',
  },
  {
    id: 'nothing-answers',
    title: 'Why nothing answers',
    text: [
      'Main never returns to the event loop: the monitoring PING, redis-cli and a new client that tries to connect all wait without a reply.',
    ],
    look: 'The ping and redis-cli lanes: sent, never answered.',
    scenario: {},
    at: { kind: 'end' },
    lanes: ['ping', 'redis-cli', 'newclient'],
    panel: 'Clients',
  },
  {
    id: 'fix',
    title: 'The fix: walk at most the list\u2019s initial length (#12301)',
    text: [
      '7.2-rc3 counts the nodes present when the walk starts and stops after that many, so a reader that blocks again waits for the next XADD. The same three readers now terminate.',
    ],
    look: 'Main goes back to epoll_wait between XADDs, and PING is answered.',
    scenario: { variant: '7.2-rc3' },
    at: { kind: 'end' },
    lanes: ['main', 'ping'],
    panel: 'Clients',
  },
];
