/**
 * Every interleaving of a bounded scenario, per variant, in a Web Worker:
 * progress while it runs, Cancel, a verdict table, and the shortest schedule
 * to a deadlock or crash loaded into the timeline to be stepped through.
 */
import { useRef, useState } from 'react';
import { VARIANT_INFO } from '../incidents/mod-11658/variantInfo';
import { DEFAULT_BOUNDS, type Bounds } from '../incidents/mod-11658/bounds';
import type { ExploreResult } from '../engine/explorer';
import type { FromExplorer, ToExplorer } from '../worker/explore.worker';
import { useApp } from '../store/appStore';
import { DEFAULT_SHARE } from '../url/hash';
import { validate } from './validate';

type B = Omit<Bounds, 'variant'>;
const FIELDS: { key: keyof B; label: string; min: number; max: number; integer: boolean }[] = [
  { key: 'workers', label: 'WORKERS', min: 1, max: 4, integer: true },
  { key: 'target', label: 'Set WORKERS to', min: 0, max: 16, integer: true },
  { key: 'queries', label: 'Queries in flight', min: 0, max: 4, integer: true },
  { key: 'loadFraction', label: 'Share that LOAD', min: 0, max: 1, integer: false },
];

export function ExplorePanel() {
  const [raw, setRaw] = useState<Record<string, string>>(() =>
    Object.fromEntries(FIELDS.map((f) => [f.key, String(DEFAULT_BOUNDS[f.key])])),
  );
  const [results, setResults] = useState<Record<string, ExploreResult>>({});
  const [progress, setProgress] = useState<string | null>(null);
  const [bounds, setBounds] = useState<B | null>(null);
  const worker = useRef<Worker | null>(null);
  const open = useApp((s) => s.open);
  const errors = Object.fromEntries(
    FIELDS.map((f) => {
      const err = validate(raw[f.key], f);
      return [f.key, err && `${f.label} ${err}`];
    }),
  );
  const invalid = Object.values(errors).some(Boolean);

  const start = () => {
    if (invalid) return;
    const b = Object.fromEntries(FIELDS.map((f) => [f.key, Number(raw[f.key])])) as B;
    worker.current?.terminate();
    const w = new Worker(new URL('../worker/explore.worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    setResults({});
    setBounds(b);
    setProgress('Starting…');
    w.onmessage = (e: MessageEvent<FromExplorer>) => {
      const m = e.data;
      if (m.type === 'progress')
        setProgress(
          `${m.variant}: ${m.states.toLocaleString('en-US')} states (${Math.round(m.states / Math.max(m.seconds, 1e-3)).toLocaleString('en-US')} states/s)`,
        );
      else if (m.type === 'result') setResults((r) => ({ ...r, [m.variant]: m.result }));
      else {
        setProgress(null);
        w.terminate();
        worker.current = null;
      }
    };
    const msg: ToExplorer = { type: 'explore', bounds: b, variants: VARIANT_INFO.map((v) => v.id) };
    w.postMessage(msg);
  };

  const cancel = () => {
    worker.current?.terminate();
    worker.current = null;
    setProgress(null);
  };

  const load = (variant: string, schedule: string[]) => {
    if (!bounds) return;
    open(
      {
        ...DEFAULT_SHARE,
        variant,
        workers: bounds.workers,
        clients: bounds.queries,
        queries: bounds.queries,
        loadFraction: bounds.loadFraction,
        untimed: true,
        ping: false,
        mix: 'spread',
        until: 1000,
        commands: [{ at: 0, text: `FT.CONFIG SET WORKERS ${bounds.target}` }],
        manual: Object.fromEntries(schedule.map((k, i) => [i, k])),
        cursor: schedule.length,
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
        {FIELDS.map((f) => (
          <label key={f.key} className="field">
            <span>{f.label}</span>
            <input
              inputMode="decimal"
              value={raw[f.key]}
              aria-invalid={errors[f.key] ? true : undefined}
              onChange={(e) => setRaw({ ...raw, [f.key]: e.target.value })}
            />
            {errors[f.key] && <span className="field-error">{errors[f.key]}</span>}
          </label>
        ))}
      </div>
      <div className="explore-actions">
        <button type="button" onClick={start} disabled={invalid || progress !== null}>
          Explore all variants
        </button>
        <button type="button" onClick={cancel} disabled={progress === null}>
          Cancel
        </button>
      </div>
      <p className="muted" aria-live="polite" data-testid="explore-progress">
        {progress ?? (Object.keys(results).length ? 'Done.' : '')}
      </p>
      {Object.keys(results).length > 0 && (
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
                  {r.counterexample && (
                    <button
                      type="button"
                      onClick={() => load(variant, r.counterexample!)}
                      aria-label={`Load the ${variant} schedule into the timeline`}
                    >
                      Load {r.counterexample.length}-step schedule
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
