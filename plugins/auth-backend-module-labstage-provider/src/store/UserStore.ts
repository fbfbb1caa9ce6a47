import { isDatabaseConflictError } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  LabstageRole,
  User,
  userEntityRefFor,
} from '@internal/backstage-plugin-accounts-common';
import { Knex } from 'knex';
import { toBoolean, toDate } from './dbValues';

const TABLE = 'labstage_users';

function isPostgres(db: Knex): boolean {
  const client = db.client.config.client;
  return client === 'pg' || client === 'postgres' || client === 'postgresql';
}

type UserRow = {
  username: string;
  display_name: string;
  email: string;
  password_hash: string;
  role: LabstageRole;
  disabled: boolean | number;
  created_at: Date | string | number;
  updated_at: Date | string | number;
};

/** A user together with its stored password hash. */
export type StoredAccount = { user: User; passwordHash: string };

export type NewAccount = {
  username: string;
  displayName: string;
  email: string;
  passwordHash: string;
  role: LabstageRole;
};

function rowToUser(row: UserRow): User {
  return {
    username: row.username,
    userEntityRef: userEntityRefFor(row.username),
    displayName: row.display_name,
    email: row.email,
    role: row.role,
    disabled: toBoolean(row.disabled),
    createdAt: toDate(row.created_at).toISOString(),
  };
}

/** Persistence of the `labstage_users` table. */
export class UserStore {
  constructor(private readonly db: Knex) {}

  async create(account: NewAccount): Promise<User> {
    const email = account.email.toLocaleLowerCase('en-US');
    const existing = await this.db<UserRow>(TABLE)
      .where({ username: account.username })
      .orWhere({ email })
      .first();
    if (existing) {
      throw new ConflictError(
        existing.username === account.username
          ? 'That username is already taken'
          : 'An account with that email address already exists',
      );
    }
    const now = new Date();
    const row: UserRow = {
      username: account.username,
      display_name: account.displayName,
      email,
      password_hash: account.passwordHash,
      role: account.role,
      disabled: false,
      created_at: now,
      updated_at: now,
    };
    try {
      await this.db<UserRow>(TABLE).insert(row);
    } catch (error) {
      // Lost a race against a concurrent sign-up with the same name or email.
      if (isDatabaseConflictError(error)) {
        throw new ConflictError('That username or email is already taken');
      }
      throw error;
    }
    return rowToUser(row);
  }

  async get(username: string): Promise<User | undefined> {
    const row = await this.db<UserRow>(TABLE).where({ username }).first();
    return row ? rowToUser(row) : undefined;
  }

  async getWithPasswordHash(
    username: string,
  ): Promise<StoredAccount | undefined> {
    const row = await this.db<UserRow>(TABLE).where({ username }).first();
    return row
      ? { user: rowToUser(row), passwordHash: row.password_hash }
      : undefined;
  }

  async isEmpty(): Promise<boolean> {
    const row = await this.db<UserRow>(TABLE).select('username').first();
    return !row;
  }

  async list(): Promise<User[]> {
    const rows = await this.db<UserRow>(TABLE).orderBy('username');
    return rows.map(rowToUser);
  }

  async setPasswordHash(username: string, passwordHash: string): Promise<void> {
    await this.#update(username, { password_hash: passwordHash });
  }

  /**
   * Changes role and/or disabled state, refusing any change that would leave
   * no enabled admin: nobody could then manage accounts any more.
   */
  async setRoleOrDisabled(
    username: string,
    change: { role?: LabstageRole; disabled?: boolean },
  ): Promise<User> {
    return this.db.transaction(async tx => {
      const current = await tx<UserRow>(TABLE).where({ username }).first();
      if (!current) {
        throw new NotFoundError(`No user named '${username}'`);
      }
      const wasEnabledAdmin =
        current.role === 'admin' && !toBoolean(current.disabled);
      const staysEnabledAdmin =
        (change.role ?? current.role) === 'admin' &&
        !(change.disabled ?? toBoolean(current.disabled));
      if (wasEnabledAdmin && !staysEnabledAdmin) {
        const admins = await this.#lockEnabledAdmins(tx);
        if (admins.length <= 1) {
          throw new ConflictError(
            'This is the last enabled admin; promote another admin first',
          );
        }
      }
      const patch: Partial<UserRow> = { updated_at: new Date() };
      if (change.role !== undefined) patch.role = change.role;
      if (change.disabled !== undefined) patch.disabled = change.disabled;
      await tx<UserRow>(TABLE).where({ username }).update(patch);
      return rowToUser({ ...current, ...patch } as UserRow);
    });
  }

  /** Erases the account and its sessions; true if there was one. */
  async delete(username: string): Promise<boolean> {
    return this.db.transaction(async tx => {
      await tx('labstage_sessions').where({ username }).delete();
      const count = await tx<UserRow>(TABLE).where({ username }).delete();
      return count > 0;
    });
  }

  async #lockEnabledAdmins(
    tx: Knex.Transaction,
  ): Promise<{ username: string }[]> {
    const query = tx<UserRow>(TABLE)
      .select('username')
      .where({ role: 'admin', disabled: false });
    // SQLite serializes writers anyway and does not support FOR UPDATE.
    return isPostgres(this.db) ? query.forUpdate() : query;
  }

  async #update(username: string, patch: Partial<UserRow>): Promise<void> {
    const count = await this.db<UserRow>(TABLE)
      .where({ username })
      .update({ ...patch, updated_at: new Date() });
    if (count === 0) {
      throw new NotFoundError(`No user named '${username}'`);
    }
  }
}
