import { randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: easy to read aloud and type. */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A random join code such as `ABCD-2345` (~40 bits). */
export function generateJoinCode(): string {
  const pick = () =>
    Array.from(
      { length: 4 },
      () => JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)],
    ).join('');
  return `${pick()}-${pick()}`;
}

/** Codes are case-insensitive and tolerate surrounding blanks. */
export function normalizeJoinCode(code: string): string {
  return code.trim().toUpperCase();
}
