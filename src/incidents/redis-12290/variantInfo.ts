/**
 * What each model variant of Redis #12290 is, where it comes from and what
 * it changes, in words for the screen and the runner (no imports: the page
 * reads it cheaply).
 */
import type { VariantInfo } from '../../engine/types';

export const VARIANT_INFO: readonly VariantInfo[] = [
  {
    id: '7.2-rc2',
    title: 'Redis 7.2-rc2 (reprocess the command on unblock)',
    description:
      'handleClientsBlockedOnKey wakes every client blocked on the key and re-runs its XREADGROUP through processCommandAndResetClient. A reader the group cannot serve blocks again: blockForKeys appends it at the tail of the very list being walked, and listNext has already saved it as next, so with three readers (or two that cannot be served) the walk never ends.',
    source:
      'redis/redis #11012 "reprocess command when client is unblocked on keys" (383d902ce, 2023-01-01), in 7.2-rc1 and 7.2-rc2',
    url: 'https://github.com/redis/redis/commit/383d902ce',
    changes:
      'src/blocked.c handleClientsBlockedOnKey, unblockClientOnKey; src/t_stream.c xreadCommand re-run on unblock',
  },
  {
    id: '7.2-rc3',
    title: 'Upstream fix #12301 (walk only the initial count)',
    description:
      'handleClientsBlockedOnKey takes long count = listLength(clients) before the walk and loops while ((ln = listNext(&li)) && count--): each client that was blocked when the walk began gets one turn, and the ones it re-appends wait for the next signal or their timeout.',
    source: 'redis/redis PR #12301, commit e7129e43e0 (2023-06-13), first tag 7.2-rc3',
    url: 'https://github.com/redis/redis/commit/e7129e43e0c7c85921666018b68f5b729218d31e',
    changes: 'src/blocked.c handleClientsBlockedOnKey: the loop condition',
  },
  {
    id: '7.0',
    title: 'Redis 7.0 (serveClientsBlockedOnStreamKey)',
    description:
      'Before #11012 the stream had its own serving code: serveClientsBlockedOnStreamKey serves a group reader only if streamCompareID(&s->last_id, &group->last_id) > 0 and unblocks it; a reader with nothing new is not touched and stays where it is in the list, so the walk visits each node once.',
    source: 'redis/redis 7.0 (read at 7.0.11)',
    url: 'https://github.com/redis/redis/tree/7.0.11',
    changes: 'src/blocked.c serveClientsBlockedOnStreamKey instead of handleClientsBlockedOnKey',
  },
];
