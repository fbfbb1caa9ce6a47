/**
 * The three Labstage roles. A user has exactly one.
 *
 * @public
 */
export type LabstageRole = 'admin' | 'instructor' | 'student';

/** @public */
export const LABSTAGE_ROLES: readonly LabstageRole[] = [
  'admin',
  'instructor',
  'student',
] as const;

/**
 * Answer of the accounts routes that return one account (sign-up, sign-in,
 * `/me`, role and disabled changes).
 *
 * @public
 */
export type UserResponse = { user: User };

/**
 * A local Labstage account as returned by the accounts API.
 *
 * @public
 */
export type User = {
  username: string;
  /** Always `user:default/<username>`. */
  userEntityRef: string;
  displayName: string;
  email: string;
  role: LabstageRole;
  disabled: boolean;
  /** ISO 8601 timestamp. */
  createdAt: string;
};
