/**
 * The narrated tour on screen: the chapter's words (glossary terms as
 * links), where to look, Back / Next, the chapter list and the way out to
 * free play and back. Each chapter loads its run; once the run is in, the
 * cursor goes to the chapter's moment, found in that run.
 */
import { useEffect } from 'react';
import { useApp } from '../store/appStore';
import { chaptersOf, useTour } from '../store/tourStore';
import { resolveMark } from '../tour/resolve';
import { useIncident } from './incident';
import { Narration } from './Narration';
import './tour.css';

/** Set once the visitor has started or declined the tour: a returning visitor is not offered it again. */
export const SEEN_KEY = 'lockstep.tour.seen';

export const markSeen = () => {
  try {
    localStorage.setItem(SEEN_KEY, '1');
  } catch {
    // Storage may be off (private mode): the offer then comes back, which is harmless.
  }
};

export function TourPanel({ offer, onDecline }: { offer: boolean; onDecline: () => void }) {
  const incident = useIncident();
  const chapters = chaptersOf(incident.id);
  const tour = useTour();
  const { go, leave, resume } = tour;
  // Another incident's tour position means nothing here.
  const mine = tour.incident === incident.id;
  const chapter = mine && tour.chapter !== null && chapters[tour.chapter] ? tour.chapter : null;
  const left = mine && tour.left !== null && chapters[tour.left] ? tour.left : null;
  usePlaceCursor();
  useFocusPanel(chapter === null ? undefined : chapters[chapter]?.panel);
  if (!chapters.length) return null;
  if (chapter === null) {
    if (left !== null)
      return (
        <div className="tour-bar" role="region" aria-label="Tour">
          You left the tour at chapter {left + 1} of {chapters.length}, “{chapters[left].title}”.{' '}
          <button type="button" onClick={resume}>
            Back to the tour
          </button>
        </div>
      );
    if (!offer) return null;
    return (
      <div className="tour-bar tour-offer" role="region" aria-label="Tour">
        <strong>New here?</strong> A tour of {incident.name} in {chapters.length} chapters, each a live run you can step
        through.{' '}
        <button
          type="button"
          className="primary"
          onClick={() => {
            markSeen();
            go(0);
          }}
        >
          Start the tour
        </button>{' '}
        <button
          type="button"
          onClick={() => {
            markSeen();
            onDecline();
          }}
        >
          Not now
        </button>
      </div>
    );
  }
  const c = chapters[chapter];
  return (
    <section className="tour" aria-labelledby="tour-h">
      <div className="tour-head">
        <span className="muted" id="tour-progress">
          Tour · chapter {chapter + 1} of {chapters.length}
        </span>
        <label className="tour-list">
          <select value={chapter} onChange={(e) => go(Number(e.target.value))} aria-label="Chapter">
            {chapters.map((x, i) => (
              <option key={x.id} value={i}>
                {i + 1}. {x.title}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div aria-live="polite" aria-atomic="true">
        <h2 id="tour-h">{c.title}</h2>
        <Narration paragraphs={c.text} glossary={incident.ui.glossary ?? {}} />
        <p className="tour-look">
          <strong>Look:</strong> {c.look}
        </p>
      </div>
      <div className="tour-nav">
        <button type="button" onClick={() => go(chapter - 1)} disabled={chapter === 0}>
          ← Back
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => go(chapter + 1)}
          disabled={chapter === chapters.length - 1}
        >
          Next →
        </button>
        {c.panel && (
          <button type="button" onClick={() => showPanel(c.panel!)}>
            Show the {c.panel} panel ↓
          </button>
        )}
        <button type="button" onClick={leave} title="Keep this run and explore it freely; come back any time">
          Leave the tour
        </button>
      </div>
    </section>
  );
}

/** Once a chapter's run is in, the cursor goes to its moment; if the user changed the run meanwhile, it does not. */
function usePlaceCursor() {
  const pending = useTour((s) => s.pending);
  const chapter = useTour((s) => s.chapter);
  const settle = useTour((s) => s.settle);
  const inputs = useApp((s) => s.inputs);
  const status = useApp((s) => s.status);
  const run = useApp((s) => s.run);
  const fates = useApp((s) => s.fates);
  const setCursor = useApp((s) => s.setCursor);
  const setView = useApp((s) => s.setView);
  const incident = useIncident();
  useEffect(() => {
    if (!pending || chapter === null) return;
    if (inputs !== pending) return settle();
    if (status !== 'ready' || !run) return;
    const c = chaptersOf(incident.id)[chapter];
    const step = resolveMark(c.at, {
      trace: run.trace,
      verdictStep: run.verdict?.step,
      crashStep: run.crash?.step,
      fates,
    });
    // The point of no return needs the band: wait for it.
    if (step === null && c.at.kind === 'pointOfNoReturn' && !fates) return;
    if (step !== null) {
      setCursor(step);
      const t = run.trace.stepTimes[step];
      // Most of the view before the moment: what led to it.
      if (c.zoomMs) setView({ t0: Math.max(0, t - 0.7 * c.zoomMs), t1: Math.min(run.trace.endT, t + 0.3 * c.zoomMs) });
    }
    settle();
  }, [pending, chapter, inputs, status, run, fates, setCursor, setView, settle, incident.id]);
}

/** The panel whose heading is `heading`, if it is on the page. */
const panelOf = (heading: string) =>
  [...document.querySelectorAll('h2')].find((x) => x.textContent?.trim() === heading)?.closest('section') ?? null;

/** Brings the chapter's panel into view (it may be below the fold) and moves the focus to it. */
function showPanel(heading: string) {
  const panel = panelOf(heading);
  if (!panel) return;
  panel.scrollIntoView({ block: 'start', behavior: 'smooth' });
  const h = panel.querySelector('h2');
  if (h) {
    h.tabIndex = -1;
    h.focus({ preventScroll: true });
  }
}

/** Outlines the panel a chapter points at (found by its heading), while the chapter is on screen. */
function useFocusPanel(heading: string | undefined) {
  // Some panels appear only once a run is in (the lists of #12290): look again when it is.
  const status = useApp((s) => s.status);
  useEffect(() => {
    if (!heading) return;
    const panel = panelOf(heading);
    panel?.classList.add('tour-focus');
    return () => panel?.classList.remove('tour-focus');
  }, [heading, status]);
}
