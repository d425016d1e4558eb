/**
 * The first screen: set up the MOD-11658 scenario, run it in the simulation
 * worker, and read what happened (outcome, cycle, replies, Redis log, stacks).
 * The swimlane timeline and playback come on top of this.
 */
import { useEffect } from 'react';
import { useRunStore } from '../store/runStore';
import { ScenarioForm } from './ScenarioForm';
import { ReportView } from './ReportView';

export function App() {
  const { status, report, error, run } = useRunStore();
  useEffect(() => {
    if (status === 'idle') run();
  }, [status, run]);
  return (
    <div className="app">
      <header className="app-header">
        <h1>Lockstep</h1>
        <p className="tagline">
          MOD-11658: <code>FT.CONFIG SET WORKERS 0</code> under query load. The Redis main thread holds the GIL while it
          spins waiting for the <code>workers</code> pool to drain; a worker mid-query needs that GIL to load document
          fields. A deterministic simulation of that hang.
        </p>
      </header>
      <main>
        <ScenarioForm />
        <section aria-live="polite" aria-busy={status === 'running'} className="results">
          {status === 'running' && <p className="status">Simulating…</p>}
          {status === 'error' && <p className="status error">The simulation failed: {error}</p>}
          {report && <ReportView report={report} />}
        </section>
      </main>
    </div>
  );
}
