/**
 * The page embedded in a doc or wiki (`embed=1`): the tour if the link has a
 * chapter, the playback bar and the timeline, and a way out to the whole
 * page; no side panels.
 */
import { useApp } from '../store/appStore';
import { encodeHash } from '../url/hash';
import { Timeline } from './Timeline';
import { Toolbar } from './Toolbar';
import { Legend, Notice, StatusLine } from './Chrome';
import { TourPanel } from './TourPanel';
import { useIncident } from './incident';

export function Embed() {
  const incident = useIncident();
  const inputs = useApp((s) => s.inputs);
  const cursor = useApp((s) => s.cursor);
  const view = useApp((s) => s.view);
  const whole = `${location.pathname}${encodeHash({ ...inputs, cursor, view, embed: undefined })}`;
  return (
    <div className="app embed">
      <header className="embed-header">
        <h1>
          Lockstep <span className="muted">· {incident.title}</span>
        </h1>
        <a href={whole} target="_blank" rel="noreferrer">
          Open in Lockstep
        </a>
      </header>
      <TourPanel offer={false} onDecline={() => {}} />
      <Notice />
      <Toolbar />
      <StatusLine />
      <main>
        <Timeline />
        <Legend />
      </main>
    </div>
  );
}
