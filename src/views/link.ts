/** The share link of what is on screen now (not the address bar, whose write-back may still be due). */
import { useApp } from '../store/appStore';
import { useTour } from '../store/tourStore';
import { encodeHash, type ShareState } from '../url/hash';

export function currentShare(): ShareState {
  const st = useApp.getState();
  const chapter = useTour.getState().chapter;
  return { ...st.inputs, cursor: st.cursor, view: st.view, tour: chapter ?? undefined };
}

export const currentLink = () => `${location.origin}${location.pathname}${encodeHash(currentShare())}`;
