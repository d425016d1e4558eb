/**
 * The scenario: which incident, a one-click preset, the variant, and the
 * incident's settings (from their one description), seed and simulated
 * time. An invalid value is named and nothing re-runs until it is fixed.
 */
import { useState, type FormEvent } from 'react';
import { useApp } from '../store/appStore';
import { INCIDENTS, presetScenario } from '../incidents/registry';
import type { Setting } from '../incidents/settings';
import { defaultShare, SEED_BOUND, shareOf, UNTIL_MAX } from '../url/hash';
import { useIncident } from './incident';
import { PresetNotes } from './PresetNotes';
import { checkFields, rawOf, SettingsFields, type RawValues } from './SettingsFields';

/** The settings every scenario has, whatever the incident. */
const RUN_FIELDS: readonly Setting[] = [
  {
    key: 'seed',
    label: 'Seed',
    flag: 'seed',
    url: 'seed',
    help: 'scheduler seed',
    type: 'int',
    ...SEED_BOUND,
    default: 1,
  },
  {
    key: 'until',
    label: 'Simulate (ms)',
    flag: 'until',
    url: 'until',
    help: 'virtual time to simulate',
    type: 'number',
    min: 1,
    max: UNTIL_MAX,
    default: 1500,
  },
];

export function ScenarioPanel() {
  const inputs = useApp((s) => s.inputs);
  const setScenario = useApp((s) => s.setScenario);
  const open = useApp((s) => s.open);
  const switchIncident = useApp((s) => s.switchIncident);
  const info = useIncident();
  const fields = [...info.settings.list.filter((f) => f.form), ...RUN_FIELDS];
  const current = { ...inputs.settings, seed: inputs.seed, until: inputs.until };
  const [raw, setRaw] = useState<RawValues | null>(null);
  const values = raw ?? rawOf(fields, current);
  const { errors, values: parsed } = checkFields(fields, values);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!parsed) return;
    const { seed, until, ...settings } = parsed;
    setScenario({ seed: seed as number, until: until as number, settings });
    setRaw(null);
  };
  const variant = info.variants.find((v) => v.id === inputs.variant) ?? info.variants[0];
  return (
    <section className="panel scenario" aria-labelledby="scenario-h">
      <h2 id="scenario-h">Scenario</h2>
      <label className="field">
        <span>Incident</span>
        <select
          value={inputs.incident}
          onChange={(e) => {
            switchIncident(e.target.value);
            setRaw(null);
          }}
        >
          {INCIDENTS.map((i) => (
            <option key={i.id} value={i.id}>
              {i.title}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Open a scenario</span>
        <select
          value=""
          onChange={(e) => {
            const s = presetScenario(inputs.incident, e.target.value);
            if (!s) return;
            open(shareOf(s), null);
            setRaw(null);
          }}
        >
          <option value="">Choose…</option>
          {info.ui.presets.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Variant</span>
        <select value={inputs.variant} onChange={(e) => setScenario({ variant: e.target.value })}>
          {info.variants.map((v) => (
            <option key={v.id} value={v.id}>
              {v.id}: {v.title}
            </option>
          ))}
        </select>
      </label>
      <p className="variant-note">
        {variant.description}{' '}
        <span className="muted">
          Source:{' '}
          {variant.url ? (
            <a href={variant.url} target="_blank" rel="noreferrer">
              {variant.source}
            </a>
          ) : (
            variant.source
          )}
          . Changes: {variant.changes}.
        </span>
      </p>
      <PresetNotes />
      {inputs.untimed && (
        <p className="notice-inline">
          This is an explorer schedule: untimed, any pending move may come next.{' '}
          <button type="button" onClick={() => open(defaultShare(inputs.incident), null)}>
            Back to the default scenario
          </button>
        </p>
      )}
      <form onSubmit={submit} className="fields" aria-label="Scenario settings">
        <SettingsFields fields={fields} raw={values} errors={errors} onChange={setRaw} idPrefix="scenario" />
        <button type="submit" disabled={!parsed || raw === null}>
          Re-run
        </button>
      </form>
    </section>
  );
}
