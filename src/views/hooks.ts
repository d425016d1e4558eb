/** The page's effects: URL-hash sync, keyboard shortcuts and the playback clock. */
import { useTour } from '../store/tourStore';
import { useEffect } from 'react';
import { useApp, cursorTime } from '../store/appStore';
import { decodeHash, encodeHash } from '../url/hash';
import { stepAtTime } from '../render/geometry';
import { fit } from './Toolbar';
import { currentShare } from './link';
import { autoSpeed } from './speed';

/** Opens the state in the hash, keeps the hash up to date, and follows edits to it. */
export function useHashState(): void {
  useEffect(() => {
    /** The hash as the page last read or wrote it: any other value came from outside (a pasted or clicked link). */
    let written = '';
    let timer: ReturnType<typeof setTimeout> | null = null;
    const openHash = () => {
      const d = decodeHash(window.location.hash);
      if (d.error) history.replaceState(null, '', encodeHash(d.state));
      written = window.location.hash;
      useApp.getState().open(d.state, d.error);
      useTour.getState().restore(d.state.tour ?? null);
    };
    openHash();
    const write = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        // A link that arrived meanwhile wins over the page's own write-back.
        if (window.location.hash !== written) return openHash();
        written = encodeHash(currentShare());
        if (written !== window.location.hash) history.replaceState(null, '', written);
      }, 300);
    };
    const unsubApp = useApp.subscribe((s, prev) => {
      if (s.inputs !== prev.inputs || s.cursor !== prev.cursor || s.view !== prev.view) write();
    });
    const unsubTour = useTour.subscribe((s, prev) => {
      if (s.chapter !== prev.chapter) write();
    });
    const unsub = () => {
      unsubApp();
      unsubTour();
    };
    const onHash = () => {
      if (window.location.hash !== written) openHash();
    };
    window.addEventListener('hashchange', onHash);
    return () => {
      unsub();
      window.removeEventListener('hashchange', onHash);
      if (timer) clearTimeout(timer);
    };
  }, []);
}

const typing = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName));

export function useShortcuts(openHelp: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      const s = useApp.getState();
      const handled = (() => {
        switch (e.key) {
          case ' ':
            if (e.target instanceof HTMLButtonElement) return false;
            s.setPlaying(!s.playing);
            return true;
          case 'ArrowRight':
            if (e.shiftKey) fit('right');
            else s.stepBy(1);
            return true;
          case 'ArrowLeft':
            if (e.shiftKey) fit('left');
            else s.stepBy(-1);
            return true;
          case 'Home':
            s.reset();
            return true;
          case 'j':
          case 'J':
            s.jumpToDeadlock();
            return true;
          case '+':
          case '=':
            fit('in');
            return true;
          case '-':
            fit('out');
            return true;
          case 'f':
          case 'F':
            fit('run');
            return true;
          case 'd':
          case 'D':
            fit('deadlock');
            return true;
          case 'm':
          case 'M':
            s.setManualMode(!s.manualMode);
            return true;
          case '?':
            openHelp();
            return true;
          default:
            return false;
        }
      })();
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openHelp]);
}

/** The moments automatic playback slows down for: the commands, the hang, the crash. */
function playbackEvents(s: ReturnType<typeof useApp.getState>): number[] {
  const run = s.run!;
  const at = (step: number | undefined) => (step === undefined ? [] : [run.trace.stepTimes[step]]);
  return [...s.inputs.commands.map((c) => c.at), ...at(run.verdict?.step), ...at(run.crash?.step)];
}

/** While playing, the cursor advances by `speed` virtual ms per real second (at least one step per frame). */
export function usePlayback(): void {
  useEffect(() => {
    let raf = 0;
    let last = 0;
    let acc = 0;
    const tick = (now: number) => {
      const s = useApp.getState();
      if (s.playing && s.run) {
        const dt = last ? Math.min(100, now - last) / 1000 : 0;
        acc += dt * (s.speed === 0 ? autoSpeed(cursorTime(s) + acc, playbackEvents(s)) : s.speed);
        const t = cursorTime(s) + acc;
        const next = Math.max(s.cursor + (acc > 0 ? 1 : 0), stepAtTime(s.run.trace, t));
        if (next !== s.cursor) {
          acc = Math.max(0, t - s.run.trace.stepTimes[Math.min(next, s.run.trace.steps)]);
          s.setCursor(next);
        }
        if (next >= s.run.trace.steps) s.setPlaying(false);
      } else acc = 0;
      last = now;
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, []);
}
