import { User } from '@internal/backstage-plugin-accounts-common';

/**
 * Read-only view of the Labstage accounts, for other backend plugins.
 *
 * @public
 */
export interface AccountsDirectory {
  /** The account, or undefined if there is no such user. */
  getUser(username: string): Promise<User | undefined>;
  /** Same as getUser, for a `user:default/<name>` ref; other refs give undefined. */
  getUserByRef(userEntityRef: string): Promise<User | undefined>;
  /** Every account, including disabled ones. */
  listUsers(): Promise<User[]>;
}
