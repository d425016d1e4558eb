/** The one check of a number typed into a form: an error to show after the field's label, or null. */
export function validate(raw: string, b: { min: number; max: number; integer: boolean }): string | null {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) return 'must be a number';
  if (b.integer && !Number.isInteger(n)) return 'must be a whole number';
  return n < b.min || n > b.max ? `must be from ${b.min} to ${b.max}` : null;
}
