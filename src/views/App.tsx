/**
 * The incident on screen: playback on top, the swimlane timeline, the panels
 * a postmortem needs (wait-for graph, threads, Redis log, clients), and the
 * controls (scenario, commands, manual stepping) beside them.
 */
import { useCallback, useState } from 'react';
import { Timeline } from './Timeline';
import { Toolbar } from './Toolbar';
import { WaitForPanel } from './WaitForPanel';
import { ThreadsPanel } from './ThreadsPanel';
import { LogPanel } from './LogPanel';
import { ClientsPanel } from './ClientsPanel';
import { ScenarioPanel } from './ScenarioPanel';
import { CommandsPanel } from './CommandsPanel';
import { ManualPanel } from './ManualPanel';
import { SelectionPanel } from './SelectionPanel';
import { ExplorePanel } from './ExplorePanel';
import { RaceWindowPanel } from './RaceWindowPanel';
import { ComparePanel } from './ComparePanel';
import { FateBand } from './FateBand';
import { Legend, Notice, ShortcutsDialog, StatusLine } from './Chrome';
import { useHashState, usePlayback, useShortcuts } from './hooks';
import { useIncident } from './incident';
import { useApp } from '../store/appStore';
import { ProfilePanel } from './ProfilePanel';
import { StructurePanel } from './StructurePanel';
import type { ListStructure } from '../incidents/module';

const NO_STRUCTURES: ListStructure[] = [];

export function App() {
  const [help, setHelp] = useState(false);
  const openHelp = useCallback(() => setHelp(true), []);
  useHashState();
  useShortcuts(openHelp);
  usePlayback();
  const verdict = useApp((s) => s.run?.verdict);
  const incident = useIncident();
  const structures = useApp((s) => s.stateAt?.structures) ?? NO_STRUCTURES;
  return (
    <div className="app">
      <header className="app-header">
        <div>
          <h1>Lockstep</h1>
          <p className="tagline">{incident.ui.intro}</p>
        </div>
        <button type="button" className="help" onClick={openHelp} aria-label="Keyboard shortcuts">
          ?
        </button>
      </header>
      <Notice />
      <Toolbar />
      <StatusLine />
      <main className="layout">
        <div className="center">
          <FateBand />
          <Timeline />
          <Legend />
          <SelectionPanel />
          {structures.length > 0 && <StructurePanel structures={structures} />}
          <div className="panels">
            <WaitForPanel />
            <ThreadsPanel />
            <LogPanel />
            <ClientsPanel />
          </div>
          <ProfilePanel key={`profile-${incident.id}`} />
          <ComparePanel key={`compare-${incident.id}`} />
          {incident.sweep && <RaceWindowPanel key={`racewindow-${incident.id}`} />}
        </div>
        <aside className="side" aria-label="Controls">
          <CommandsPanel key={`commands-${incident.id}`} />
          <ManualPanel />
          <ScenarioPanel key={`scenario-${incident.id}`} />
          <ExplorePanel key={`explore-${incident.id}`} />
          {verdict && (
            <p className="muted side-note">
              {verdict.outcome === 'livelock' ? 'The endless loop is proved' : 'The cycle closes'} at step{' '}
              {verdict.step}. Use <kbd>J</kbd> to jump there.
            </p>
          )}
        </aside>
      </main>
      <ShortcutsDialog open={help} onClose={() => setHelp(false)} />
    </div>
  );
}
