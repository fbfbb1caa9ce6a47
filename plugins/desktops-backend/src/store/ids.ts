import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Length of desktop ids; see `isDesktopId`. */
export const DESKTOP_ID_LENGTH = 12;

/**
 * A new desktop id: 12 characters of [a-z0-9] (62 bits). Short because the
 * id is part of the display socket path, which must stay under the unix
 * socket limit, and of container and volume names.
 */
export function newDesktopId(): string {
  let id = '';
  while (id.length < DESKTOP_ID_LENGTH) {
    for (const byte of randomBytes(DESKTOP_ID_LENGTH * 2)) {
      // 252 = 7 × 36: rejecting the rest keeps every character equally likely.
      if (byte < 252 && id.length < DESKTOP_ID_LENGTH) {
        id += ALPHABET[byte % ALPHABET.length];
      }
    }
  }
  return id;
}

/** True if the string has the shape of a desktop id. */
export function isDesktopId(value: string): boolean {
  return /^[a-z0-9]{12}$/.test(value);
}
