/**
 * The automatic playback speed: fast where nothing happens, slowing down
 * near the moments that matter (a command arriving, the hang, the crash),
 * so Play reaches a hang in seconds and still shows how it forms.
 */

/** Virtual ms per real second far from any event, and the slowest it goes right at one. */
export const AUTO = { fast: 200, slow: 0.5, perMsAway: 10 } as const;

/** The speed (virtual ms per real second) at virtual time `t`, given the events' times. */
export function autoSpeed(t: number, events: readonly number[]): number {
  let away = Infinity;
  // Approaching an event slows down; once past it, only a short stretch stays slow.
  for (const e of events) away = Math.min(away, e >= t ? e - t : 4 * (t - e));
  return Math.max(AUTO.slow, Math.min(AUTO.fast, AUTO.perMsAway * away));
}
