/**
 * An incident's scenario settings, described once: each setting's type,
 * bounds, default, CLI flag, share-link key and label. The zod schema, the
 * share-link decoder, the CLI flags, the page's form and its errors all
 * derive from this description (no imports beyond zod: the page reads it).
 */
// zod's mini build: the same schemas, a fraction of the page's bytes.
import * as z from 'zod/mini';

interface Common {
  /** Property name in the settings record. */
  key: string;
  label: string;
  /** CLI flag, without the leading dashes. */
  flag: string;
  /** Share-link key. */
  url: string;
  /** One line for `--help` and the form's title. */
  help: string;
  /** Shown in the page's scenario form. */
  form?: boolean;
}

export type Setting =
  | (Common & { type: 'int' | 'number'; min: number; max: number; default: number; unit?: 'ms' })
  | (Common & { type: 'int-or-null'; min: number; max: number; default: number | null; none: string })
  | (Common & { type: 'flag'; default: boolean })
  | (Common & { type: 'enum'; values: readonly string[]; default: string });

export type SettingValue = number | boolean | string | null;
export type Settings = Record<string, SettingValue>;

export interface SettingsSpec {
  list: readonly Setting[];
  schema: z.ZodMiniType<Settings>;
  defaults: Settings;
  byKey: Record<string, Setting>;
}

function fieldSchema(s: Setting): z.ZodMiniType<SettingValue> {
  switch (s.type) {
    case 'int':
      return z.int().check(z.minimum(s.min), z.maximum(s.max));
    case 'number':
      return z.number().check(z.minimum(s.min), z.maximum(s.max));
    case 'int-or-null':
      return z.nullable(z.int().check(z.minimum(s.min), z.maximum(s.max)));
    case 'flag':
      return z.boolean();
    case 'enum':
      return z.enum(s.values as [string, ...string[]]);
  }
}

export function defineSettings(list: readonly Setting[]): SettingsSpec {
  const shape = Object.fromEntries(list.map((s) => [s.key, z._default(fieldSchema(s), s.default as never)]));
  return {
    list,
    schema: z.strictObject(shape) as unknown as z.ZodMiniType<Settings>,
    defaults: Object.fromEntries(list.map((s) => [s.key, s.default])),
    byKey: Object.fromEntries(list.map((s) => [s.key, s])),
  };
}

/** What a setting accepts, in words: "an integer from 0 to 16". */
export function expected(s: Setting): string {
  switch (s.type) {
    case 'int':
      return `an integer from ${s.min} to ${s.max}`;
    case 'number':
      return `a number from ${s.min} to ${s.max}`;
    case 'int-or-null':
      return `an integer from ${s.min} to ${s.max}, or ${s.none}`;
    case 'flag':
      return '0 or 1';
    case 'enum':
      return `one of ${s.values.join(', ')}`;
  }
}

/**
 * Reads one setting from text (a form field, a link value, a CLI argument).
 * `parseDuration` reads `ms` settings with units (the CLI's `30s`).
 */
export function parseSetting(
  s: Setting,
  raw: string,
  parseDuration?: (raw: string) => number | null,
): { ok: true; value: SettingValue } | { ok: false; error: string } {
  const bad = { ok: false as const, error: `expected ${expected(s)}` };
  const text = raw.trim();
  if (s.type === 'flag') {
    if (text === '1' || text === 'true') return { ok: true, value: true };
    if (text === '0' || text === 'false') return { ok: true, value: false };
    return bad;
  }
  if (s.type === 'enum') return s.values.includes(text) ? { ok: true, value: text } : bad;
  if (s.type === 'int-or-null' && text === s.none) return { ok: true, value: null };
  // A plain decimal (Number() would also take '0x10' or '1_0'), or a time such as 2s where the setting is in ms.
  let n = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) ? Number(text) : NaN;
  if (Number.isNaN(n) && s.type !== 'int-or-null' && s.unit === 'ms' && parseDuration) n = parseDuration(text) ?? NaN;
  const r = fieldSchema(s).safeParse(n);
  return r.success ? { ok: true, value: r.data } : bad;
}

/** A settings record with every missing key at its default, checked against the schema. */
export function completeSettings(spec: SettingsSpec, partial: Settings): Settings {
  return spec.schema.parse(partial);
}
