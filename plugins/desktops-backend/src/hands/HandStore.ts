import { Knex } from 'knex';
import { DesktopHand } from '@internal/backstage-plugin-desktops-common';

const TABLE = 'desktop_hands';

type HandRow = { desktop_id: string; raised_by: string; raised_at: string };

const toHand = (row: HandRow): DesktopHand => ({
  desktopId: row.desktop_id,
  raisedBy: row.raised_by,
  raisedAt: row.raised_at,
});

/** The `desktop_hands` table: at most one raised hand per desktop. */
export class HandStore {
  constructor(private readonly knex: Knex) {}

  /** Raises the hand unless it is up; returns the hand and whether this call raised it. */
  async raise(
    desktopId: string,
    raisedBy: string,
    raisedAt: string,
  ): Promise<{ hand: DesktopHand; raised: boolean }> {
    const inserted = await this.knex(TABLE)
      .insert({
        desktop_id: desktopId,
        raised_by: raisedBy,
        raised_at: raisedAt,
      })
      .onConflict('desktop_id')
      .ignore()
      .returning('desktop_id');
    const hand = await this.get(desktopId);
    if (!hand) {
      throw new Error(`The hand of desktop ${desktopId} vanished while raised`);
    }
    return { hand, raised: inserted.length > 0 };
  }

  /** Lowers the hand; whether it was up. */
  async lower(desktopId: string): Promise<boolean> {
    return (
      (await this.knex(TABLE).where({ desktop_id: desktopId }).delete()) > 0
    );
  }

  async get(desktopId: string): Promise<DesktopHand | undefined> {
    const row = await this.knex<HandRow>(TABLE)
      .where({ desktop_id: desktopId })
      .first();
    return row ? toHand(row) : undefined;
  }

  /** The raised hands among these desktops, by desktop id. */
  async forDesktops(desktopIds: string[]): Promise<Map<string, DesktopHand>> {
    const hands = new Map<string, DesktopHand>();
    // Chunks keep under SQLite's limit on bound parameters.
    for (let i = 0; i < desktopIds.length; i += 500) {
      const rows = await this.knex<HandRow>(TABLE).whereIn(
        'desktop_id',
        desktopIds.slice(i, i + 500),
      );
      for (const row of rows) hands.set(row.desktop_id, toHand(row));
    }
    return hands;
  }
}
