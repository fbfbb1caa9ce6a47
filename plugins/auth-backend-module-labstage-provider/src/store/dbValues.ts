/**
 * SQLite (better-sqlite3) hands back timestamps as numbers and booleans as
 * 0/1, PostgreSQL as Date and boolean; these normalize both.
 */
export function toDate(value: Date | string | number): Date {
  return value instanceof Date ? value : new Date(value);
}

export function toBoolean(value: boolean | number | string): boolean {
  return value === true || value === 1 || value === '1' || value === 'true';
}
