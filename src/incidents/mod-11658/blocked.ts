/** Why a thread cannot move right now, in the incident's words (manual stepping shows these). */
import type { Snapshot, WorldView } from '../../engine/types';
import type { MutexContext } from '../../machines/mutex';
import type { BarrierContext } from '../../machines/mod-11658/barrier';
import type { MainContext } from '../../machines/mod-11658/plan';
import type { WorkerContext } from '../../machines/mod-11658/worker';
import type { CoordContext } from '../../machines/mod-11658/coord';

const ctx = <T>(s: Snapshot | undefined) => s?.context as T;

export function blockedReason<S>(w: WorldView<S>, actor: string): string {
  const snap = w.snapshot(actor)!;
  const state = snap.value as string;
  const gil = ctx<MutexContext>(w.snapshot('gil'));
  const head = w.mailbox(actor)[0];
  switch (state) {
    case 'waitingGil':
    case 'acquiringGil':
      return `waits for the GIL, held by ${gil.owner ?? 'nobody (a grant is pending)'}`;
    case 'barrierWait': {
      const job = ctx<WorkerContext>(snap).job;
      const id = job?.kind === 'admin' ? job.barrier : '?';
      const b = ctx<BarrierContext>(w.snapshot(id));
      return `waits in pthread_barrier_wait at ${id} (${b?.arrived.length ?? 0} of ${b?.count ?? 0} arrived)`;
    }
    case 'spinBarrier': {
      const m = ctx<MainContext>(snap);
      const b = ctx<BarrierContext>(w.snapshot(m.barrier ?? ''));
      return `spins in barrier_wait_and_destroy until ${m.barrier} drains (received ${b?.received ?? 0} of ${b?.count ?? 0}), holding the GIL`;
    }
    case 'spinAlive':
      return 'spins until the new threads are alive, holding the GIL';
    case 'waitingForJob':
      return 'idle in pthread_cond_wait: the queue is empty';
    case 'waitChannel':
      return `waits in MRChannel_Pop on chan-${ctx<CoordContext>(snap).job?.id} for shard replies`;
    case 'awaitingReply':
      return 'waits for the reply to its command';
    case 'exited':
    case 'done':
      return 'has exited';
    case 'sleeping':
    case 'idle':
    case 'ready':
      return head ? `sleeps until its next event arrives at ${head.at.toFixed(3)} ms` : 'sleeps: nothing to do';
    default:
      return `is in ${w.meta(actor)?.fn ?? state}`;
  }
}
