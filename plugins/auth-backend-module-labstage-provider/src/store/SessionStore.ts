import { createHash, randomBytes } from 'node:crypto';
import { Knex } from 'knex';
import { toDate } from './dbValues';

const TABLE = 'labstage_sessions';

/** Sessions live this long after sign-in, whether used or not. */
export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

/** last_seen is informational; writing it on every refresh is wasteful. */
const LAST_SEEN_RESOLUTION_MS = 60 * 1000;

type SessionRow = {
  id: string;
  username: string;
  created_at: Date | string | number;
  expires_at: Date | string | number;
  last_seen: Date | string | number;
};

export type Session = { username: string; expiresAt: Date };

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Opaque session tokens. Only their SHA-256 is stored, so a database leak
 * does not hand out live sessions.
 */
export class SessionStore {
  constructor(private readonly db: Knex) {}

  async create(username: string): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    await this.db<SessionRow>(TABLE).insert({
      id: hashToken(token),
      username,
      created_at: now,
      expires_at: expiresAt,
      last_seen: now,
    });
    return { token, expiresAt };
  }

  async get(token: string): Promise<Session | undefined> {
    const id = hashToken(token);
    const row = await this.db<SessionRow>(TABLE).where({ id }).first();
    if (!row) {
      return undefined;
    }
    const now = Date.now();
    const expiresAt = toDate(row.expires_at);
    if (expiresAt.getTime() <= now) {
      await this.db<SessionRow>(TABLE).where({ id }).delete();
      return undefined;
    }
    if (toDate(row.last_seen).getTime() < now - LAST_SEEN_RESOLUTION_MS) {
      await this.db<SessionRow>(TABLE)
        .where({ id })
        .update({ last_seen: new Date(now) });
    }
    return { username: row.username, expiresAt };
  }

  async revoke(token: string): Promise<void> {
    await this.db<SessionRow>(TABLE)
      .where({ id: hashToken(token) })
      .delete();
  }

  /** Revokes every session of a user, optionally keeping the caller's own. */
  async revokeAllForUser(
    username: string,
    exceptToken?: string,
  ): Promise<void> {
    const query = this.db<SessionRow>(TABLE).where({ username });
    if (exceptToken) {
      query.whereNot({ id: hashToken(exceptToken) });
    }
    await query.delete();
  }

  async deleteExpired(): Promise<number> {
    return this.db<SessionRow>(TABLE)
      .where('expires_at', '<=', new Date())
      .delete();
  }
}
