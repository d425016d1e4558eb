/**
 * The race window on screen: many seeds x the moment of injection x the load,
 * run in one Web Worker per core, shown as a heatmap of hang probability with
 * the counts behind each cell. Cancel stops every worker.
 */
import { useRef, useState } from 'react';
import * as Comlink from 'comlink';
import {
  cells,
  deal,
  jobs,
  loadGrid,
  loadLabels,
  runCount,
  undeal,
  type Cell,
  type Job,
  type Outcome,
  type SweepSpec,
  sweepScenario,
} from '../incidents/sweepSpec';
import { useApp } from '../store/appStore';
import { defaultShare, UNTIL_MAX } from '../url/hash';
import { defaultSweep } from '../incidents/registry';
import { parseSetting, type SettingValue } from '../incidents/settings';
import type { SweepApi } from '../worker/sweep.worker';
import { validate } from './validate';
import { useIncident } from './incident';
import { fieldText } from './SettingsFields';

/** A comma-separated list of numbers, each passing the forms' one number check; null when any fails. */
const parseList = (raw: string, min: number, max: number, integer: boolean): number[] | null => {
  const items = raw.split(',');
  return items.every((x) => validate(x, { min, max, integer }) === null) ? items.map(Number) : null;
};

export function RaceWindowPanel() {
  const info = useIncident();
  const sweep = info.sweep!;
  const [variant, setVariant] = useState(info.defaults.variant);
  const [seeds, setSeeds] = useState('20');
  const [at, setAt] = useState(sweep.at.join(','));
  const [dimRaw, setDimRaw] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      sweep.dims.map((d) => [d.key, d.values.map((v) => fieldText(info.settings.byKey[d.key], v)).join(',')]),
    ),
  );
  const [grid, setGrid] = useState<{
    spec: SweepSpec;
    cells: Cell[][];
    seconds: number;
    /** Each job's outcome at each moment, to open one of a cell's runs. */
    jobs: Job[];
    outcomes: Outcome[][];
  } | null>(null);
  const open = useApp((s) => s.open);
  /** Opens a run of cell (moment a, load i): the first seed that hung there, or the first seed. */
  const openCell = (a: number, i: number) => {
    if (!grid) return;
    const js = grid.jobs.map((j, k) => ({ j, o: grid.outcomes[k][a] })).filter((x) => x.j.load === i);
    const pick = js.find((x) => x.o !== 'ok') ?? js[0];
    if (!pick) return;
    const s = sweepScenario(grid.spec, pick.j, grid.spec.at[a]);
    open(
      {
        ...defaultShare(info.id),
        variant: s.variant,
        seed: s.seed,
        until: Math.min(UNTIL_MAX, grid.spec.at[a] + Math.max(50, grid.spec.windowMs * 20)),
        settings: s.settings,
        commands: s.commands,
      },
      null,
    );
  };
  const [progress, setProgress] = useState<string | null>(null);
  const workers = useRef<Worker[]>([]);

  /** A swept setting's bounds and kind, narrowed by the sweep where it says so. */
  const dimBound = (key: string) => {
    const d = sweep.dims.find((x) => x.key === key)!;
    const f = info.settings.byKey[key];
    const b = f.type === 'int' || f.type === 'number' || f.type === 'int-or-null' ? f : { min: 0, max: 1 };
    return { min: d.min ?? b.min, max: d.max ?? b.max, integer: f.type !== 'number' };
  };
  const dimValues = (key: string): SettingValue[] | null => {
    const f = info.settings.byKey[key];
    if (f.type === 'flag' || f.type === 'enum') {
      const vals = dimRaw[key].split(',').map((x) => parseSetting(f, x));
      return vals.every((v) => v.ok) ? vals.map((v) => (v as { value: SettingValue }).value) : null;
    }
    const b = dimBound(key);
    return parseList(dimRaw[key], b.min, b.max, b.integer);
  };
  const parsed = {
    seeds: parseList(seeds, 1, 1000, true),
    at: parseList(at, 0, 60_000, false),
    dims: Object.fromEntries(sweep.dims.map((d) => [d.key, dimValues(d.key)])),
  };
  const invalid =
    parsed.seeds === null ||
    parsed.seeds.length !== 1 ||
    parsed.at === null ||
    Object.values(parsed.dims).some((x) => x === null);

  const stop = () => {
    for (const w of workers.current) w.terminate();
    workers.current = [];
  };

  const start = () => {
    if (invalid) return;
    stop();
    const spec: SweepSpec = {
      ...defaultSweep(info.id)!,
      variant,
      seeds: parsed.seeds![0],
      at: parsed.at!,
      loads: loadGrid(sweep.dims.map((d) => ({ key: d.key, values: parsed.dims[d.key]! }))),
    };
    const all = jobs(spec);
    const total = runCount(spec);
    const n = Math.max(1, Math.min(navigator.hardwareConcurrency || 2, 8));
    const parts = deal(all, n);
    const done = parts.map(() => 0);
    const started = performance.now();
    setProgress(`0 of ${total} runs`);
    setGrid(null);
    const mine = parts.map(() => new Worker(new URL('../worker/sweep.worker.ts', import.meta.url), { type: 'module' }));
    workers.current = mine;
    void Promise.all(
      parts.map((part, k) =>
        Comlink.wrap<SweepApi>(mine[k]).run(
          spec,
          part,
          Comlink.proxy((d: number) => {
            done[k] = d;
            if (workers.current === mine) setProgress(`${done.reduce((a, b) => a + b, 0)} of ${total} runs`);
          }),
        ),
      ),
    ).then((results: Outcome[][][]) => {
      if (workers.current !== mine) return;
      stop();
      setProgress(null);
      const outcomes = undeal(results);
      setGrid({
        spec,
        cells: cells(spec, all, outcomes),
        seconds: (performance.now() - started) / 1000,
        jobs: all,
        outcomes,
      });
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
        How often <code>{sweep.command}</code> hangs the server, by when it arrives and by the load: {sweep.about}
      </p>
      <div className="fields">
        <label className="field">
          <span>Variant</span>
          <select value={variant} onChange={(e) => setVariant(e.target.value)}>
            {info.variants.map((v) => (
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
        {[...sweep.dims].reverse().map((d) => {
          const b = dimBound(d.key);
          const f = info.settings.byKey[d.key];
          const hint =
            f.type === 'flag' || f.type === 'enum'
              ? `comma-separated values, each ${f.type === 'flag' ? '0 or 1' : f.values.join(' or ')}`
              : `comma-separated ${b.integer ? 'whole numbers' : 'numbers'} from ${b.min} to ${b.max}`;
          return (
            <span key={d.key}>
              {field(
                d.label,
                dimRaw[d.key],
                (v) => setDimRaw({ ...dimRaw, [d.key]: v }),
                parsed.dims[d.key] !== null,
                hint,
              )}
            </span>
          );
        })}
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
              {loadLabels(grid.spec.loads, sweep.dims, false).map((label, i) => (
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
                      <button
                        type="button"
                        className="cell-open"
                        onClick={() => openCell(a, i)}
                        aria-label={`Open a run: sent at ${t} ms, ${c.hangs} of ${c.runs} hang`}
                      >
                        {c.hangs}
                        {c.crashes ? `+${c.crashes}×` : ''}/{c.runs}
                      </button>
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
