/**
 * The race window on screen: many seeds x the moment of injection x the load,
 * run in one Web Worker per core, shown as a heatmap of hang probability with
 * the counts behind each cell. Cancel stops every worker.
 */
import { useRef, useState } from 'react';
import { VARIANT_INFO } from '../incidents/mod-11658/variantInfo';
import {
  cells,
  deal,
  jobs,
  loadGrid,
  loadLabels,
  runCount,
  undeal,
  type Cell,
  type Outcome,
  type SweepSpec,
} from '../incidents/mod-11658/sweepSpec';
import type { FromSweeper, ToSweeper } from '../worker/sweep.worker';
import { validate } from './validate';

/** A comma-separated list of numbers, each passing the forms' one number check; null when any fails. */
const parseList = (raw: string, min: number, max: number, integer: boolean): number[] | null => {
  const items = raw.split(',');
  return items.every((x) => validate(x, { min, max, integer }) === null) ? items.map(Number) : null;
};

export function RaceWindowPanel() {
  const [variant, setVariant] = useState('prefix');
  const [seeds, setSeeds] = useState('20');
  const [at, setAt] = useState('6,8,10,12,14');
  const [clients, setClients] = useState('10,20');
  const [fractions, setFractions] = useState('0.25,0.5,1');
  const [aggregates, setAggregates] = useState('0.2');
  const [shards, setShards] = useState('1');
  const [grid, setGrid] = useState<{ spec: SweepSpec; cells: Cell[][]; seconds: number } | null>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const workers = useRef<Worker[]>([]);

  const parsed = {
    seeds: parseList(seeds, 1, 1000, true),
    at: parseList(at, 0, 60_000, false),
    clients: parseList(clients, 1, 200, true),
    fractions: parseList(fractions, 0, 1, false),
    aggregates: parseList(aggregates, 0, 1, false),
    shards: parseList(shards, 1, 8, true),
  };
  const invalid = Object.values(parsed).some((x) => x === null) || parsed.seeds!.length !== 1;

  const stop = () => {
    for (const w of workers.current) w.terminate();
    workers.current = [];
  };

  const start = () => {
    if (invalid) return;
    stop();
    const spec: SweepSpec = {
      variant,
      workers: 8,
      target: 0,
      seeds: parsed.seeds![0],
      at: parsed.at!,
      loads: loadGrid({
        clients: parsed.clients!,
        loadFractions: parsed.fractions!,
        aggregateFractions: parsed.aggregates!,
        shards: parsed.shards!,
      }),
      windowMs: 3,
    };
    const all = jobs(spec);
    const total = runCount(spec);
    const n = Math.max(1, Math.min(navigator.hardwareConcurrency || 2, 8));
    const parts = deal(all, n);
    const done = parts.map(() => 0);
    const results: (Outcome[][] | null)[] = parts.map(() => null);
    const started = performance.now();
    setProgress(`0 of ${total} runs`);
    setGrid(null);
    workers.current = parts.map((part, k) => {
      const w = new Worker(new URL('../worker/sweep.worker.ts', import.meta.url), { type: 'module' });
      w.onmessage = (e: MessageEvent<FromSweeper>) => {
        const m = e.data;
        if (m.type === 'progress') {
          done[k] = m.done;
          setProgress(`${done.reduce((a, b) => a + b, 0)} of ${total} runs`);
          return;
        }
        results[k] = m.outcomes;
        w.terminate();
        if (results.every(Boolean)) {
          workers.current = [];
          setProgress(null);
          setGrid({
            spec,
            cells: cells(spec, all, undeal(results as Outcome[][][])),
            seconds: (performance.now() - started) / 1000,
          });
        }
      };
      const msg: ToSweeper = { spec, jobs: part };
      w.postMessage(msg);
      return w;
    });
  };

  const cancel = () => {
    stop();
    setProgress(null);
  };

  const field = (label: string, value: string, set: (v: string) => void, ok: boolean, hint: string) => (
    <label className="field">
      <span>{label}</span>
      <input value={value} aria-invalid={ok ? undefined : true} onChange={(e) => set(e.target.value)} />
      {!ok && <span className="field-error">{hint}</span>}
    </label>
  );

  return (
    <section className="panel race" aria-labelledby="race-h">
      <h2 id="race-h">Race window</h2>
      <p className="muted">
        How often <code>FT.CONFIG SET WORKERS 0</code> hangs the server, by when it arrives and by the load: the hang
        needs a worker inside a GIL-needing query at that moment.
      </p>
      <div className="fields">
        <label className="field">
          <span>Variant</span>
          <select value={variant} onChange={(e) => setVariant(e.target.value)}>
            {VARIANT_INFO.map((v) => (
              <option key={v.id} value={v.id}>
                {v.id}
              </option>
            ))}
          </select>
        </label>
        {field(
          'Seeds per cell',
          seeds,
          setSeeds,
          parsed.seeds !== null && parsed.seeds.length === 1,
          'a whole number from 1 to 1000',
        )}
        {field('Send at (ms)', at, setAt, parsed.at !== null, 'comma-separated times from 0 to 60000')}
        {field('Clients', clients, setClients, parsed.clients !== null, 'comma-separated whole numbers from 1 to 200')}
        {field(
          'Share that LOAD',
          fractions,
          setFractions,
          parsed.fractions !== null,
          'comma-separated numbers from 0 to 1',
        )}
        {field(
          'Share of FT.AGGREGATE',
          aggregates,
          setAggregates,
          parsed.aggregates !== null,
          'comma-separated numbers from 0 to 1',
        )}
        {field('Shards', shards, setShards, parsed.shards !== null, 'comma-separated whole numbers from 1 to 8')}
      </div>
      <div className="explore-actions">
        <button type="button" onClick={start} disabled={invalid || progress !== null}>
          Sweep
        </button>
        <button type="button" onClick={cancel} disabled={progress === null}>
          Cancel sweep
        </button>
      </div>
      <p className="muted" aria-live="polite" data-testid="sweep-progress">
        {progress ??
          (grid ? `${grid.cells.flat().reduce((n, c) => n + c.runs, 0)} runs in ${grid.seconds.toFixed(1)} s` : '')}
      </p>
      {grid && (
        <table className="heatmap" data-testid="heatmap">
          <caption className="muted">hangs / runs (crashes marked ×)</caption>
          <thead>
            <tr>
              <th scope="col">send at</th>
              {loadLabels(grid.spec.loads, false).map((label, i) => (
                <th key={i} scope="col">
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grid.spec.at.map((t, a) => (
              <tr key={a}>
                <th scope="row">{t} ms</th>
                {grid.cells[a].map((c, i) => {
                  const p = c.runs ? (c.hangs + c.crashes) / c.runs : 0;
                  return (
                    <td key={i} style={{ ['--p' as string]: p }} title={`${Math.round(p * 100)}% of ${c.runs} runs`}>
                      {c.hangs}
                      {c.crashes ? `+${c.crashes}×` : ''}/{c.runs}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
