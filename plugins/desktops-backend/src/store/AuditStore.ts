import {
  ConnectMode,
  DesktopAuditAction,
  DesktopAuditDetails,
  DesktopAuditEntry,
  DesktopAuditPage,
  DesktopVisit,
} from '@internal/backstage-plugin-desktops-common';
import { Knex } from 'knex';

const TABLE = 'desktop_audit_log';

/** An entry to append; `at` defaults to now. */
export type NewAuditEntry = {
  at?: Date;
  action: DesktopAuditAction;
  desktopId: string;
  desktopOwner: string;
  actor: string;
  subject?: string | null;
  connectionId?: string | null;
  mode?: ConnectMode | null;
  details?: DesktopAuditDetails | null;
};

/** Filters of the admins' audit view (all optional). */
export type AuditFilter = {
  desktopId?: string;
  /** Matches the actor or the subject. */
  user?: string;
  action?: DesktopAuditAction;
  from?: Date;
  to?: Date;
};

export type AuditPageRequest = {
  limit: number;
  /** Entries with a smaller id than this (the previous page's nextCursor). */
  cursor?: string;
};

type AuditRow = {
  id: number | string;
  at: string;
  action: DesktopAuditAction;
  desktop_id: string;
  desktop_owner: string;
  actor: string;
  subject: string | null;
  connection_id: string | null;
  mode: ConnectMode | null;
  details: string | null;
};

/**
 * The desktop audit log table. Append-only on purpose: the class has no
 * method that updates an entry or deletes a chosen one; the only deletion
 * is `purgeOlderThan`, which the retention task runs.
 */
export class AuditStore {
  readonly #knex: Knex;
  readonly #now: () => Date;

  constructor(knex: Knex, options: { now?: () => Date } = {}) {
    this.#knex = knex;
    this.#now = options.now ?? (() => new Date());
  }

  async append(entry: NewAuditEntry): Promise<void> {
    await this.#knex(TABLE).insert({
      at: (entry.at ?? this.#now()).toISOString(),
      action: entry.action,
      desktop_id: entry.desktopId,
      desktop_owner: entry.desktopOwner,
      actor: entry.actor,
      subject: entry.subject ?? null,
      connection_id: entry.connectionId ?? null,
      mode: entry.mode ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
    });
  }

  /** Entries matching `filter`, newest first. */
  async list(
    filter: AuditFilter,
    page: AuditPageRequest,
  ): Promise<DesktopAuditPage<DesktopAuditEntry>> {
    const query = this.#knex<AuditRow>(TABLE);
    if (filter.desktopId) query.where('desktop_id', filter.desktopId);
    if (filter.action) query.where('action', filter.action);
    if (filter.user) {
      const user = filter.user;
      query.where(q => q.where('actor', user).orWhere('subject', user));
    }
    if (filter.from) query.where('at', '>=', filter.from.toISOString());
    if (filter.to) query.where('at', '<=', filter.to.toISOString());
    const rows = await this.#page(query, page);
    return {
      items: rows.items.map(toEntry),
      nextCursor: rows.nextCursor,
    };
  }

  /**
   * Visits to a desktop, newest first: each `connection.open` with the time
   * of its `connection.close`, if any. `excludeUser` leaves one person out
   * (the owner, whose own sessions are not visits).
   */
  async visits(
    desktopId: string,
    page: AuditPageRequest,
    options: { excludeUser?: string } = {},
  ): Promise<DesktopAuditPage<DesktopVisit>> {
    const query = this.#knex<AuditRow>(TABLE)
      .where('desktop_id', desktopId)
      .where('action', 'connection.open')
      .whereNotNull('connection_id');
    if (options.excludeUser) query.whereNot('actor', options.excludeUser);
    const opens = await this.#page(query, page);
    const ids = opens.items.map(row => row.connection_id!);
    const closes =
      ids.length === 0
        ? []
        : await this.#knex<AuditRow>(TABLE)
            .where('action', 'connection.close')
            .whereIn('connection_id', ids)
            .select('connection_id', 'at');
    const closedAt = new Map(closes.map(c => [c.connection_id!, c.at]));
    return {
      items: opens.items.map(row => ({
        connectionId: row.connection_id!,
        userEntityRef: row.actor,
        mode: row.mode ?? 'view',
        openedAt: row.at,
        closedAt: closedAt.get(row.connection_id!) ?? null,
      })),
      nextCursor: opens.nextCursor,
    };
  }

  /** The retention task's delete: entries written before `cutoff`. */
  async purgeOlderThan(cutoff: Date): Promise<number> {
    return this.#knex(TABLE).where('at', '<', cutoff.toISOString()).delete();
  }

  async #page(
    query: Knex.QueryBuilder,
    page: AuditPageRequest,
  ): Promise<{ items: AuditRow[]; nextCursor: string | null }> {
    if (page.cursor) query.where('id', '<', Number(page.cursor));
    const rows: AuditRow[] = await query
      .orderBy('id', 'desc')
      .limit(page.limit + 1)
      .select('*');
    const items = rows.slice(0, page.limit);
    return {
      items,
      nextCursor:
        rows.length > page.limit ? String(items[items.length - 1].id) : null,
    };
  }
}

function toEntry(row: AuditRow): DesktopAuditEntry {
  return {
    id: String(row.id),
    at: row.at,
    action: row.action,
    desktopId: row.desktop_id,
    desktopOwner: row.desktop_owner,
    actor: row.actor,
    subject: row.subject,
    connectionId: row.connection_id,
    mode: row.mode,
    details: row.details
      ? (JSON.parse(row.details) as DesktopAuditDetails)
      : null,
  };
}
