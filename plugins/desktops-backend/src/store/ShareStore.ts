import { ShareRole } from '@internal/backstage-plugin-desktops-common';
import { nowIso } from '@internal/backstage-plugin-labstage-node';
import { Knex } from 'knex';

const TABLE = 'desktop_shares';

/** One person's invitation to one desktop, as stored. */
export type ShareRecord = {
  desktopId: string;
  /** Lower-case user entity ref. */
  grantee: string;
  role: ShareRole;
  grantedBy: string;
  grantedAt: string;
  updatedAt: string;
};

type ShareRow = {
  desktop_id: string;
  grantee_entity_ref: string;
  role: ShareRole;
  granted_by: string;
  granted_at: string;
  updated_at: string;
};

function toRecord(row: ShareRow): ShareRecord {
  return {
    desktopId: row.desktop_id,
    grantee: row.grantee_entity_ref,
    role: row.role,
    grantedBy: row.granted_by,
    grantedAt: row.granted_at,
    updatedAt: row.updated_at,
  };
}

/** Entity refs are case-insensitive; rows keep one spelling. */
function normalize(ref: string): string {
  return ref.toLocaleLowerCase('en-US');
}

/** The `desktop_shares` table: who the owner invited to which desktop. */
export class ShareStore {
  constructor(private readonly knex: Knex) {}

  /** A desktop's shares, oldest invitation first. */
  async listForDesktop(desktopId: string): Promise<ShareRecord[]> {
    return this.listForDesktops([desktopId]);
  }

  async listForDesktops(desktopIds: string[]): Promise<ShareRecord[]> {
    if (desktopIds.length === 0) return [];
    const rows = await this.knex<ShareRow>(TABLE)
      .whereIn('desktop_id', desktopIds)
      .orderBy([
        { column: 'granted_at', order: 'asc' },
        { column: 'grantee_entity_ref', order: 'asc' },
      ]);
    return rows.map(toRecord);
  }

  /** What the person was invited to, newest invitation first. */
  async listForGrantee(grantee: string): Promise<ShareRecord[]> {
    const rows = await this.knex<ShareRow>(TABLE)
      .where({ grantee_entity_ref: normalize(grantee) })
      .orderBy([
        { column: 'granted_at', order: 'desc' },
        { column: 'desktop_id', order: 'asc' },
      ]);
    return rows.map(toRecord);
  }

  async get(
    desktopId: string,
    grantee: string,
    db: Knex = this.knex,
  ): Promise<ShareRecord | undefined> {
    const row = await db<ShareRow>(TABLE)
      .where({ desktop_id: desktopId, grantee_entity_ref: normalize(grantee) })
      .first();
    return row ? toRecord(row) : undefined;
  }

  /**
   * Invites the person, or changes their role. `before` is the role they
   * had (null: none), read in the same transaction as the write so that the
   * change told to the gateway is the one that happened. A concurrent first
   * invitation of the same person makes one insert fail on the primary key;
   * that one runs again and becomes an update.
   */
  async put(input: {
    desktopId: string;
    grantee: string;
    role: ShareRole;
    grantedBy: string;
  }): Promise<{ before: ShareRole | null; share: ShareRecord }> {
    const grantee = normalize(input.grantee);
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.knex.transaction(async trx => {
          const key = {
            desktop_id: input.desktopId,
            grantee_entity_ref: grantee,
          };
          const existing = await trx<ShareRow>(TABLE)
            .where(key)
            .forUpdate()
            .first();
          const now = nowIso();
          if (existing) {
            await trx<ShareRow>(TABLE)
              .where(key)
              .update({ role: input.role, updated_at: now });
          } else {
            await trx<ShareRow>(TABLE).insert({
              ...key,
              role: input.role,
              granted_by: input.grantedBy,
              granted_at: now,
              updated_at: now,
            });
          }
          return {
            before: existing?.role ?? null,
            share: (await this.get(input.desktopId, grantee, trx))!,
          };
        });
      } catch (error) {
        if (attempt >= 2) throw error;
      }
    }
  }

  /** Revokes one invitation; the removed share, or undefined if none. */
  async delete(
    desktopId: string,
    grantee: string,
  ): Promise<ShareRecord | undefined> {
    const [removed] = await this.deleteWhere({
      desktop_id: desktopId,
      grantee_entity_ref: normalize(grantee),
    });
    return removed;
  }

  /** Removes every share of a desktop (it is being deleted); the removed ones. */
  async deleteForDesktop(desktopId: string): Promise<ShareRecord[]> {
    return this.deleteWhere({ desktop_id: desktopId });
  }

  /** Removes every invitation of a person (their account is being deleted). */
  async deleteForGrantee(grantee: string): Promise<ShareRecord[]> {
    return this.deleteWhere({ grantee_entity_ref: normalize(grantee) });
  }

  /**
   * Deletes and returns the rows matching `where`: exactly those read, by
   * key, so a share added meanwhile is neither deleted nor reported.
   */
  private async deleteWhere(where: Partial<ShareRow>): Promise<ShareRecord[]> {
    return this.knex.transaction(async trx => {
      const rows = await trx<ShareRow>(TABLE).where(where);
      const deleted: ShareRow[] = [];
      for (const row of rows) {
        const count = await trx<ShareRow>(TABLE)
          .where({
            desktop_id: row.desktop_id,
            grantee_entity_ref: row.grantee_entity_ref,
          })
          .delete();
        if (count > 0) deleted.push(row);
      }
      return deleted.map(toRecord);
    });
  }
}
