/**
 * Where the user is in the narrated tour: the chapter on screen, the one they
 * left for free play (to come back to), and the moment still to be found in a
 * chapter's run once it has loaded. A chapter loads a real scenario through
 * the app store; nothing here simulates.
 */
import { create } from 'zustand';
import { infoOf, scenarioOver } from '../incidents/registry';
import type { TourChapter } from '../incidents/module';
import { useApp } from './appStore';
import { shareOf, type ShareState } from '../url/hash';

export interface TourState {
  /** The incident whose tour it is (switching incidents leaves it behind). */
  incident: string | null;
  /** The chapter on screen, or null outside the tour. */
  chapter: number | null;
  /** The chapter the user left for free play, to resume. */
  left: number | null;
  /** The inputs a chapter loaded whose moment is still to be put under the cursor. */
  pending: ShareState | null;
  go: (chapter: number) => void;
  leave: () => void;
  resume: () => void;
  /** Back to where a share link says (no reload when the chapter is already on screen). */
  restore: (chapter: number | null) => void;
  /** The pending moment was found (or the user moved on). */
  settle: () => void;
}

export const chaptersOf = (incident: string): readonly TourChapter[] => infoOf(incident).ui.tour ?? [];

/** A chapter's scenario as the page's inputs, cursor at the start until its moment is found. */
export const chapterShare = (incident: string, c: TourChapter): ShareState =>
  shareOf(scenarioOver(incident, c.scenario));

export const useTour = create<TourState>()((set, get) => {
  const load = (chapter: number) => {
    const app = useApp.getState();
    const chapters = chaptersOf(app.inputs.incident);
    const c = chapters[Math.max(0, Math.min(chapter, chapters.length - 1))];
    if (!c) return;
    const share = chapterShare(app.inputs.incident, c);
    set({ incident: app.inputs.incident, chapter: chapters.indexOf(c), left: null, pending: share });
    app.open(share, null);
  };
  return {
    incident: null,
    chapter: null,
    left: null,
    pending: null,
    go: load,
    leave: () => set({ left: get().chapter, chapter: null, pending: null }),
    resume: () => {
      const left = get().left;
      if (left !== null) load(left);
    },
    restore: (chapter) => {
      const incident = useApp.getState().inputs.incident;
      if (chapter === get().chapter && incident === get().incident) return;
      if (chapter === null || !chaptersOf(incident)[chapter]) set({ chapter: null, pending: null });
      else set({ incident, chapter, left: null, pending: null });
    },
    settle: () => set({ pending: null }),
  };
});
