/** The scenario's settings; invalid values are named and the run is refused until fixed. */
import { useState, type FormEvent } from 'react';
import { BOUNDS } from '../incidents/mod-11658/config';
import { VARIANT_INFO } from '../incidents/mod-11658/variants';
import { useRunStore, type Draft } from '../store/runStore';

type NumField = 'workers' | 'clients' | 'shards' | 'loadFraction';
const FIELDS: { key: NumField; label: string }[] = [
  { key: 'workers', label: 'Initial WORKERS' },
  { key: 'clients', label: 'Clients' },
  { key: 'shards', label: 'Shards' },
  { key: 'loadFraction', label: 'Share of queries that LOAD' },
];

function check(key: NumField | 'seed' | 'atMs', raw: string): string | null {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) return 'must be a number';
  if (key === 'seed') return Number.isInteger(n) ? null : 'must be a whole number';
  if (key === 'atMs') return n >= 0 && n <= 60_000 ? null : 'must be from 0 to 60000 ms';
  const b = BOUNDS[key];
  if (b.integer && !Number.isInteger(n)) return 'must be a whole number';
  return n >= b.min && n <= b.max ? null : `must be from ${b.min} to ${b.max}`;
}

export function ScenarioForm() {
  const { draft, setDraft, run, status } = useRunStore();
  const [raw, setRaw] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(draft).map(([k, v]) => [k, String(v)])),
  );
  const errors: Record<string, string | null> = {};
  for (const k of ['workers', 'clients', 'shards', 'loadFraction', 'seed', 'atMs'] as const)
    errors[k] = check(k, raw[k] ?? '');
  const invalid = Object.values(errors).some(Boolean);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (invalid) return;
    const patch: Partial<Draft> = { variant: raw.variant, command: raw.command };
    for (const k of ['workers', 'clients', 'shards', 'loadFraction', 'seed', 'atMs'] as const)
      patch[k] = Number(raw[k]);
    setDraft(patch);
    run();
  };
  const field = (key: string, label: string) => (
    <label key={key} className="field">
      <span>{label}</span>
      <input
        name={key}
        inputMode="decimal"
        value={raw[key] ?? ''}
        aria-invalid={errors[key] ? true : undefined}
        aria-describedby={errors[key] ? `${key}-error` : undefined}
        onChange={(e) => setRaw({ ...raw, [key]: e.target.value })}
      />
      {errors[key] && (
        <span className="field-error" id={`${key}-error`}>
          {label} {errors[key]}
        </span>
      )}
    </label>
  );

  return (
    <form className="scenario" onSubmit={submit} aria-label="Scenario">
      <label className="field">
        <span>Variant</span>
        <select name="variant" value={raw.variant} onChange={(e) => setRaw({ ...raw, variant: e.target.value })}>
          {VARIANT_INFO.map((v) => (
            <option key={v.id} value={v.id}>
              {v.id}: {v.title}
            </option>
          ))}
        </select>
      </label>
      {FIELDS.map((f) => field(f.key, f.label))}
      {field('seed', 'Seed')}
      {field('atMs', 'Send at (ms)')}
      <label className="field wide">
        <span>Command</span>
        <input
          name="command"
          value={raw.command ?? ''}
          spellCheck={false}
          onChange={(e) => setRaw({ ...raw, command: e.target.value })}
        />
      </label>
      <button type="submit" disabled={invalid || status === 'running'}>
        Run scenario
      </button>
    </form>
  );
}
