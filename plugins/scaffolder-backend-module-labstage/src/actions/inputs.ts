/**
 * A template that leaves an optional field empty may pass `""` (or only
 * spaces) rather than nothing; the actions take that as "not given".
 */
export function given(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
