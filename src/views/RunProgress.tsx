/**
 * The progress of a long run while the worker makes it (simulated time of
 * the total, steps, where it was picked up after an edit) with Cancel, and
 * once cancelled, what the page kept with Continue. Quiet for short runs.
 */
import { useState } from 'react';
import { useApp } from '../store/appStore';
import './progress.css';

/** Runs shorter than this (wall-clock ms) never show the panel: it would only flash. */
const SHOW_AFTER_MS = 300;

/** Virtual time as progress reads it: tenths of a second, or whole ms. */
const short = (ms: number) =>
  !Number.isFinite(ms) ? '∞' : ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
const count = (n: number) => n.toLocaleString('en-US');

export function RunProgress() {
  const status = useApp((s) => s.status);
  const progress = useApp((s) => s.progress);
  const stopped = useApp((s) => s.run?.stopped ?? null);
  const run = useApp((s) => s.run);
  const until = useApp((s) => s.inputs.until);
  const cancel = useApp((s) => s.cancelRun);
  const resume = useApp((s) => s.continueRun);
  // The stopped run whose note was dismissed: the note stays away until another run stops.
  const [dismissed, setDismissed] = useState<unknown>(null);
  // Continuing a stopped run shows at once: the panel (and the focused button) stays where it was.
  const loading = status === 'loading' && ((progress?.wallMs ?? 0) >= SHOW_AFTER_MS || stopped !== null);
  const kept = status === 'ready' && stopped !== null && dismissed !== run;
  const live = loading ? 'Simulating. Cancel stops the run and shows it as far as it got.' : '';
  return (
    <>
      <p className="sr-only" role="status" aria-live="polite">
        {live}
      </p>
      {(loading || kept) && (
        <section className="run-progress" aria-label="Simulation progress" data-testid="run-progress">
          {loading ? (
            <>
              <progress
                max={1}
                value={progress && Number.isFinite(until) ? Math.min(1, progress.t / until) : undefined}
                aria-label="Simulated time"
                aria-valuetext={progress ? `${short(progress.t)} of ${short(until)}` : 'starting'}
              />
              <p data-testid="run-progress-text">
                Simulating <strong>{short(progress?.t ?? 0)}</strong> of {short(until)} · {count(progress?.steps ?? 0)}{' '}
                steps
                {progress?.resumed && progress.resumed.step > 0 && (
                  <span className="muted">
                    {' '}
                    · from the previous run&rsquo;s checkpoint at {short(progress.resumed.t)}
                  </span>
                )}
              </p>
            </>
          ) : (
            <p data-testid="run-progress-text">
              Stopped at <strong>{short(stopped!.t)}</strong> of {short(until)} ({count(stopped!.steps)} steps): the
              page shows the run up to there.
            </p>
          )}
          <div className="run-progress-actions">
            {/* One button, relabelled: focus stays on it from Cancel to Continue and back. */}
            <button type="button" onClick={loading ? cancel : resume}>
              {loading ? 'Cancel' : 'Continue'}
            </button>
            {kept && (
              <button type="button" onClick={() => setDismissed(run)}>
                Dismiss
              </button>
            )}
          </div>
        </section>
      )}
    </>
  );
}
