/**
 * What an edit of the scenario leaves of a run already simulated: the step
 * and the moment before which the edited run is provably the same one, and
 * the patch that turns that run's checkpoints into the edited run's own.
 * This is how the page re-simulates from the last checkpoint before an edit
 * (a command added, removed or moved at T, a manual pick at step k, a longer
 * run) instead of from step 0. Pure: usable in Node as in a Worker.
 */
import type { Simulation, WorldState } from '../engine/simulation';
import type { Scenario } from '../incidents/module';
import { firstChange, operatorMachine, rescheduled } from '../machines/operator';

/** The runs take the same steps from worlds before `step` and before virtual time `t`. */
export interface Divergence {
  step: number;
  t: number;
}

const sameRecord = (a: Record<string, unknown>, b: Record<string, unknown>) => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.is(a[k], b[k]));
};

/**
 * Where the run of `b` may first differ from the run of `a`, or null when it
 * may from step 0 (another incident, variant, seed or setting). Untimed runs
 * watch every state for a loop (their checkpoints hold hashes of the old
 * world) and `xstate` snapshots are not plain data: those always start over.
 */
export function divergence(a: Scenario, b: Scenario): Divergence | null {
  const plain = (s: Scenario) => !s.untimed && s.record !== false && (s.execution ?? 'compiled') === 'compiled';
  if (a.incident !== b.incident || a.variant !== b.variant || a.seed !== b.seed) return null;
  if (!plain(a) || !plain(b) || !sameRecord(a.settings, b.settings)) return null;
  let step = Infinity;
  const [ma, mb] = [a.maxSteps ?? Infinity, b.maxSteps ?? Infinity];
  if (ma !== mb) step = Math.min(ma, mb);
  const [ca, cb] = [a.choices ?? {}, b.choices ?? {}];
  for (const k of new Set([...Object.keys(ca), ...Object.keys(cb)])) {
    if (ca[Number(k)] !== cb[Number(k)]) step = Math.min(step, Number(k));
  }
  let t = firstChange(a.commands, b.commands);
  if (a.until !== b.until) t = Math.min(t, a.until, b.until);
  return { step, t };
}

/**
 * The patch for `Simulation.rebase`: a world of `sim`'s run (before `d`)
 * with the operator given `to`'s commands, or null from the first world it
 * cannot vouch for. Where the operator has a command pending in one run and
 * none in the other, the scheduler's answer to "can anything but background
 * actors move?" could differ: sound only if the operator is in no wait-for
 * edge (deadlock checks read who can move) and, when the edit takes its
 * pending command away, it never alone kept the run going (`heldOpen`).
 */
export function worldPatch<S>(
  sim: Simulation<unknown, S>,
  to: Scenario,
  d: Divergence,
): (w: WorldState<S>) => WorldState<S> | null {
  let waits: boolean | undefined;
  const inWaits = (id: string) => (waits ??= sim.trace.waits.some((e) => e.from === id || e.to === id));
  return (w) => {
    if (w.step > d.step || !(w.t < d.t)) return null;
    const snaps = w.snaps.slice();
    const timers = w.timers.slice();
    const hashes = w.hashes.slice();
    for (let i = 0; i < w.entries.length; i++) {
      const { id, kind } = w.entries[i];
      if (sim.kinds[kind]?.machine !== operatorMachine) continue;
      const r = rescheduled(snaps[i], timers[i], to.commands, w.t);
      if (!r) return null;
      if (!r.timer !== !timers[i]) {
        if (inWaits(id)) return null;
        if (!r.timer && sim.heldOpen.some((h) => h.by === id && h.step < w.step)) return null;
      }
      [snaps[i], timers[i], hashes[i]] = [r.snapshot, r.timer, undefined];
    }
    return { ...w, snaps, timers, hashes };
  };
}

/**
 * Turns `sim` (the run of `from`) into the run of `to`, resuming at its last
 * checkpoint before where they may differ: the step it continues from, or
 * null (and `sim` unchanged) when it must start over. `inputs` are the run
 * inputs of `to` (a fresh simulation's).
 */
export function resume<S>(
  sim: Simulation<unknown, S>,
  from: Scenario,
  to: Scenario,
  inputs: Simulation<unknown, S>['inputs'],
): number | null {
  const d = divergence(from, to);
  return d ? sim.rebase(inputs, worldPatch(sim, to, d)) : null;
}
