/**
 * Form fields for an incident's settings, straight from their one
 * description: labels, what each accepts and the error a bad value gets.
 */
import { parseSetting, type Setting, type Settings } from '../incidents/settings';

export type RawValues = Record<string, string>;

/** The text a field shows for a value. */
export function fieldText(s: Setting, v: Settings[string]): string {
  if (v === null) return s.type === 'int-or-null' ? s.none : '';
  if (typeof v === 'boolean') return v ? '1' : '0';
  return String(v);
}

export const rawOf = (fields: readonly Setting[], values: Settings): RawValues =>
  Object.fromEntries(fields.map((f) => [f.key, fieldText(f, values[f.key])]));

/** Each field's error (after its label), or nothing; with the parsed values when all are good. */
export function checkFields(
  fields: readonly Setting[],
  raw: RawValues,
): { errors: Record<string, string>; values: Settings | null } {
  const errors: Record<string, string> = {};
  const values: Settings = {};
  for (const f of fields) {
    const p = parseSetting(f, raw[f.key] ?? '');
    if (p.ok) values[f.key] = p.value;
    else errors[f.key] = `${f.label}: ${p.error}`;
  }
  return { errors, values: Object.keys(errors).length ? null : values };
}

export function SettingsFields({
  fields,
  raw,
  errors,
  onChange,
  idPrefix,
}: {
  fields: readonly Setting[];
  raw: RawValues;
  errors: Record<string, string>;
  onChange: (raw: RawValues) => void;
  idPrefix: string;
}) {
  return (
    <>
      {fields.map((f) => {
        const err = errors[f.key];
        const id = `${idPrefix}-${f.key}`;
        return (
          <label key={f.key} className="field" title={f.help}>
            <span>{f.label}</span>
            {f.type === 'enum' || f.type === 'flag' ? (
              <select name={f.key} value={raw[f.key]} onChange={(e) => onChange({ ...raw, [f.key]: e.target.value })}>
                {(f.type === 'flag' ? ['1', '0'] : f.values).map((v) => (
                  <option key={v} value={v}>
                    {f.type === 'flag' ? (v === '1' ? 'on' : 'off') : v}
                  </option>
                ))}
              </select>
            ) : (
              <input
                name={f.key}
                inputMode="decimal"
                value={raw[f.key] ?? ''}
                aria-invalid={err ? true : undefined}
                aria-describedby={err ? `${id}-err` : undefined}
                onChange={(e) => onChange({ ...raw, [f.key]: e.target.value })}
              />
            )}
            {err && (
              <span className="field-error" id={`${id}-err`}>
                {err}
              </span>
            )}
          </label>
        );
      })}
    </>
  );
}
