/**
 * Every interleaving of a bounded scenario, per variant, in a Web Worker:
 * progress while it runs, Cancel, a verdict table, and the shortest schedule
 * to a deadlock, crash or endless loop loaded into the timeline to be stepped through.
 */
import { useRef, useState } from 'react';
import * as Comlink from 'comlink';
import type { ExploreResult } from '../engine/explorer';
import type { ExploreApi } from '../worker/explore.worker';
import type { Scenario } from '../incidents/module';
import { useApp } from '../store/appStore';
import { useIncident } from './incident';
import { checkFields, rawOf, SettingsFields, type RawValues } from './SettingsFields';

export function ExplorePanel() {
  const info = useIncident();
  const fields = info.exploreBounds.list;
  const [raw, setRaw] = useState<RawValues>(() => rawOf(fields, info.exploreBounds.defaults));
  const [results, setResults] = useState<Record<string, ExploreResult>>({});
  const [schedules, setSchedules] = useState<Record<string, Scenario>>({});
  const [progress, setProgress] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState(false);
  // The variant being explored and how far it got: kept as a partial row when the user cancels.
  const live = useRef<{ variant: string; states: number; seconds: number } | null>(null);
  const [partial, setPartial] = useState<{ variant: string; states: number; seconds: number } | null>(null);
  const worker = useRef<Worker | null>(null);
  const open = useApp((s) => s.open);
  const { errors, values: bounds } = checkFields(fields, raw);
  const invalid = bounds === null;

  const start = async () => {
    if (!bounds) return;
    worker.current?.terminate();
    const w = new Worker(new URL('../worker/explore.worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    const api = Comlink.wrap<ExploreApi>(w);
    setResults({});
    setSchedules({});
    setCancelled(false);
    setPartial(null);
    setProgress('Starting…');
    try {
      for (const { id: variant } of info.variants) {
        live.current = { variant, states: 0, seconds: 0 };
        // Progress messages already on their way still arrive after Cancel terminates the worker: drop them.
        const onProgress = Comlink.proxy((p: { states: number; seconds: number }) => {
          if (worker.current !== w) return;
          live.current = { variant, ...p };
          setProgress(
            `${variant}: ${p.states.toLocaleString('en-US')} states (${Math.round(p.states / Math.max(p.seconds, 1e-3)).toLocaleString('en-US')} states/s)`,
          );
        });
        const r = await api.explore(info.id, variant, bounds, onProgress);
        if (worker.current !== w) return;
        setResults((x) => ({ ...x, [variant]: r.result }));
        if (r.schedule) setSchedules((x) => ({ ...x, [variant]: r.schedule! }));
      }
      setProgress(null);
    } finally {
      if (worker.current === w) {
        w.terminate();
        worker.current = null;
      }
    }
  };

  const cancel = () => {
    worker.current?.terminate();
    worker.current = null;
    setProgress(null);
    setCancelled(true);
    setPartial(live.current);
    live.current = null;
  };

  const load = (s: Scenario) => {
    const steps = Object.keys(s.choices ?? {}).length;
    open(
      {
        incident: s.incident,
        variant: s.variant,
        seed: s.seed,
        until: 1000,
        settings: s.settings,
        commands: s.commands,
        manual: s.choices ?? {},
        untimed: true,
        cursor: steps,
        view: null,
      },
      null,
    );
  };

  return (
    <section className="panel explore" aria-labelledby="explore-h">
      <h2 id="explore-h">Explore every interleaving</h2>
      <p className="muted">
        A bounded scenario: any pending move may come next, and the command may arrive at any point. Each distinct state
        is visited once.
      </p>
      <div className="fields">
        <SettingsFields fields={fields} raw={raw} errors={errors} onChange={setRaw} idPrefix="explore" />
      </div>
      <div className="explore-actions">
        <button type="button" onClick={() => void start()} disabled={invalid || progress !== null}>
          Explore all variants
        </button>
        <button type="button" onClick={cancel} disabled={progress === null}>
          Cancel
        </button>
      </div>
      <p className="muted" aria-live="polite" data-testid="explore-progress">
        {progress ?? (cancelled ? 'Cancelled.' : Object.keys(results).length ? 'Done.' : '')}
      </p>
      {(Object.keys(results).length > 0 || partial) && (
        <table className="verdicts">
          <thead>
            <tr>
              <th scope="col">variant</th>
              <th scope="col">verdict</th>
              <th scope="col">states</th>
              <th scope="col">time</th>
              <th scope="col" aria-label="Counterexample" />
            </tr>
          </thead>
          <tbody>
            {Object.entries(results).map(([variant, r]) => (
              <tr key={variant} data-verdict={r.verdict}>
                <th scope="row">{variant}</th>
                <td className={r.verdict === 'safe' ? 'good' : 'bad'}>{r.verdict}</td>
                <td>{r.states.toLocaleString('en-US')}</td>
                <td>{r.seconds.toFixed(2)} s</td>
                <td>
                  {schedules[variant] && (
                    <button
                      type="button"
                      onClick={() => load(schedules[variant])}
                      aria-label={`Load the ${variant} schedule into the timeline`}
                    >
                      Load {Object.keys(schedules[variant].choices ?? {}).length}-step schedule
                    </button>
                  )}
                </td>
              </tr>
            ))}
            {partial && (
              <tr data-verdict="cancelled">
                <th scope="row">{partial.variant}</th>
                <td>cancelled, incomplete</td>
                <td>{partial.states.toLocaleString('en-US')}</td>
                <td>{partial.seconds.toFixed(2)} s</td>
                <td />
              </tr>
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
