/**
 * Usernames double as catalog entity names, so they must stay within what the
 * catalog accepts and be case-insensitive-safe (lower case only).
 *
 * @public
 */
export const USERNAME_PATTERN = /^[a-z][a-z0-9_.-]{2,31}$/;

/** @public */
export const PASSWORD_MIN_LENGTH = 8;
/** Upper bound keeps hashing cost bounded for hostile inputs. @public */
export const PASSWORD_MAX_LENGTH = 256;

/** @public */
export function userEntityRefFor(username: string): string {
  return `user:default/${username}`;
}

/**
 * Returns the username for a `user:default/<name>` ref, or undefined for any
 * other ref (other namespaces or kinds are not local accounts).
 *
 * @public
 */
export function usernameFromEntityRef(ref: string): string | undefined {
  const match = /^user:default\/(.+)$/i.exec(ref);
  return match ? match[1].toLocaleLowerCase('en-US') : undefined;
}

/**
 * The group refs put in a token's ownership claims for a role.
 *
 * @public
 */
export function roleGroupRefs(role: string): string[] {
  if (role === 'admin') return ['group:default/admins'];
  if (role === 'instructor') return ['group:default/instructors'];
  return [];
}
