/** The scenario's settings. An invalid value is named and nothing re-runs until it is fixed. */
import { useState, type FormEvent } from 'react';
import { BOUNDS } from '../incidents/mod-11658/config';
import { VARIANT_INFO } from '../incidents/mod-11658/variantInfo';
import { useApp } from '../store/appStore';
import { DEFAULT_SHARE, THINK_BOUND, UNTIL_MAX } from '../url/hash';
import { PRESETS } from '../url/presets';
import { validate } from './validate';

const FIELDS = [
  { key: 'workers', label: 'Initial WORKERS', bound: BOUNDS.workers },
  { key: 'clients', label: 'Clients', bound: { ...BOUNDS.clients, max: 200 } },
  { key: 'loadFraction', label: 'Share of queries that LOAD', bound: BOUNDS.loadFraction },
  { key: 'shards', label: 'Shards', bound: BOUNDS.shards },
  { key: 'think', label: 'Client pause (ms)', bound: THINK_BOUND },
  { key: 'seed', label: 'Seed', bound: { min: -(2 ** 31), max: 2 ** 31 - 1, integer: true } },
  { key: 'until', label: 'Simulate (ms)', bound: { min: 1, max: UNTIL_MAX, integer: false } },
] as const;

type Key = (typeof FIELDS)[number]['key'];

export function ScenarioPanel() {
  const inputs = useApp((s) => s.inputs);
  const setScenario = useApp((s) => s.setScenario);
  const open = useApp((s) => s.open);
  const [raw, setRaw] = useState<Record<string, string> | null>(null);
  const values = raw ?? Object.fromEntries(FIELDS.map((f) => [f.key, String(inputs[f.key])]));
  const errors = Object.fromEntries(FIELDS.map((f) => [f.key, validate(values[f.key] ?? '', f.bound)]));
  const invalid = Object.values(errors).some(Boolean);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (invalid) return;
    const patch = Object.fromEntries(FIELDS.map((f) => [f.key, Number(values[f.key])])) as Record<Key, number>;
    setScenario(patch);
    setRaw(null);
  };
  const variant = VARIANT_INFO.find((v) => v.id === inputs.variant)!;
  return (
    <section className="panel scenario" aria-labelledby="scenario-h">
      <h2 id="scenario-h">Scenario</h2>
      <label className="field">
        <span>Open a scenario</span>
        <select
          value=""
          onChange={(e) => {
            const p = PRESETS.find((x) => x.id === e.target.value);
            if (p) {
              open(p.state, null);
              setRaw(null);
            }
          }}
        >
          <option value="">Choose…</option>
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Variant</span>
        <select value={inputs.variant} onChange={(e) => setScenario({ variant: e.target.value })}>
          {VARIANT_INFO.map((v) => (
            <option key={v.id} value={v.id}>
              {v.id}: {v.title}
            </option>
          ))}
        </select>
      </label>
      <p className="variant-note">
        {variant.description}{' '}
        <span className="muted">
          Source: {variant.source}. Changes: {variant.changes}.
        </span>
      </p>
      {inputs.untimed && (
        <p className="notice-inline">
          This is an explorer schedule: untimed, any pending move may come next.{' '}
          <button type="button" onClick={() => open(DEFAULT_SHARE, null)}>
            Back to the default scenario
          </button>
        </p>
      )}
      <form onSubmit={submit} className="fields" aria-label="Scenario settings">
        {FIELDS.map((f) => (
          <label key={f.key} className="field">
            <span>{f.label}</span>
            <input
              name={f.key}
              inputMode="decimal"
              value={values[f.key]}
              aria-invalid={errors[f.key] ? true : undefined}
              aria-describedby={errors[f.key] ? `${f.key}-err` : undefined}
              onChange={(e) => setRaw({ ...values, [f.key]: e.target.value })}
            />
            {errors[f.key] && (
              <span className="field-error" id={`${f.key}-err`}>
                {f.label} {errors[f.key]}
              </span>
            )}
          </label>
        ))}
        <button type="submit" disabled={invalid || raw === null}>
          Re-run
        </button>
      </form>
    </section>
  );
}
