/**
 * The incident on screen: playback on top, the swimlane timeline, the panels
 * a postmortem needs (wait-for graph, threads, Redis log, clients), and the
 * controls (scenario, commands, manual stepping) beside them.
 */
import { lazy, Suspense, useCallback, useState } from 'react';
import { Timeline } from './Timeline';
import { Toolbar } from './Toolbar';
import { WaitForPanel } from './WaitForPanel';
import { ThreadsPanel } from './ThreadsPanel';
import { EvidencePanel } from './EvidencePanel';
import { LogPanel } from './LogPanel';
import { ClientsPanel } from './ClientsPanel';
import { ScenarioPanel } from './ScenarioPanel';
import { ExportPanel } from './ExportPanel';
import { CommandsPanel } from './CommandsPanel';
import { ManualPanel } from './ManualPanel';
import { SelectionPanel } from './SelectionPanel';
import { ExplorePanel } from './ExplorePanel';
import { ClaimsPanel } from './ClaimsPanel';
import { FateBand } from './FateBand';
import { Legend, Notice, ShortcutsDialog, StatusLine } from './Chrome';
import { useHashState, usePlayback, useShortcuts } from './hooks';
import { useIncident } from './incident';
import { useApp } from '../store/appStore';
import { StructurePanel } from './StructurePanel';
import type { ListStructure } from '../incidents/module';
import { TourPanel, SEEN_KEY } from './TourPanel';
import { GlossaryDialog } from './GlossaryDialog';
import { Embed } from './Embed';
import { RunProgress } from './RunProgress';
import { useTour } from '../store/tourStore';

// The panels below the first screen load after it (a smaller page to fetch first).
const ProfilePanel = lazy(() => import('./ProfilePanel').then((m) => ({ default: m.ProfilePanel })));
const ComparePanel = lazy(() => import('./ComparePanel').then((m) => ({ default: m.ComparePanel })));
const RaceWindowPanel = lazy(() => import('./RaceWindowPanel').then((m) => ({ default: m.RaceWindowPanel })));

const tourSeen = () => {
  try {
    return localStorage.getItem(SEEN_KEY) === '1';
  } catch {
    return false;
  }
};

const NO_STRUCTURES: ListStructure[] = [];

export function App() {
  const [help, setHelp] = useState(false);
  const [glossary, setGlossary] = useState(false);
  // A first visit (no link, never toured or declined) is offered the tour at once.
  const [offer, setOffer] = useState(() => !location.hash && !tourSeen());
  const openHelp = useCallback(() => setHelp(true), []);
  const startTour = useTour((s) => s.go);
  useHashState();
  useShortcuts(openHelp);
  usePlayback();
  const verdict = useApp((s) => s.run?.verdict);
  const incident = useIncident();
  const structures = useApp((s) => s.stateAt?.structures) ?? NO_STRUCTURES;
  const embed = useApp((s) => s.inputs.embed);
  if (embed) return <Embed />;
  return (
    <div className="app">
      <header className="app-header">
        <div>
          <h1>Lockstep</h1>
          <p className="tagline">{incident.ui.intro}</p>
        </div>
        <div className="header-actions">
          {incident.ui.tour && (
            <button type="button" onClick={() => startTour(0)}>
              Tour
            </button>
          )}
          {incident.ui.glossary && (
            <button type="button" onClick={() => setGlossary(true)}>
              Glossary
            </button>
          )}
          <button type="button" className="help" onClick={openHelp} aria-label="Keyboard shortcuts">
            ?
          </button>
        </div>
      </header>
      <TourPanel offer={offer} onDecline={() => setOffer(false)} />
      <Notice />
      <Toolbar />
      <StatusLine />
      <RunProgress />
      <main className="layout">
        {/* Two blocks a column: on a narrow screen they interleave, so the console comes right after the timeline. */}
        <div className="center">
          <div className="center-top">
            <FateBand />
            <Timeline />
            <Legend />
            <SelectionPanel />
            {structures.length > 0 && <StructurePanel structures={structures} />}
          </div>
          <div className="center-rest">
            <div className="panels">
              <WaitForPanel />
              <ThreadsPanel />
              <LogPanel />
              <ClientsPanel />
              <EvidencePanel />
            </div>
            <Suspense fallback={null}>
              <ProfilePanel key={`profile-${incident.id}`} />
              <ComparePanel key={`compare-${incident.id}`} />
            </Suspense>
            <ClaimsPanel key={`claims-${incident.id}`} />
            {incident.sweep && (
              <Suspense fallback={null}>
                <RaceWindowPanel key={`racewindow-${incident.id}`} />
              </Suspense>
            )}
          </div>
        </div>
        <aside className="side" aria-label="Controls">
          <div className="side-top">
            <CommandsPanel key={`commands-${incident.id}`} />
            <ManualPanel />
          </div>
          <div className="side-rest">
            <ScenarioPanel key={`scenario-${incident.id}`} />
            <ExportPanel key={`export-${incident.id}`} />
            <ExplorePanel key={`explore-${incident.id}`} />
            {verdict && (
              <p className="muted side-note">
                {verdict.outcome === 'livelock' ? 'The endless loop is proved' : 'The cycle closes'} at step{' '}
                {verdict.step}. Use <kbd>J</kbd> to jump there.
              </p>
            )}
          </div>
        </aside>
      </main>
      <ShortcutsDialog open={help} onClose={() => setHelp(false)} />
      <GlossaryDialog open={glossary} onClose={() => setGlossary(false)} />
    </div>
  );
}
