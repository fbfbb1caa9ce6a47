import { Knex } from 'knex';
import { nowIso } from '@internal/backstage-plugin-labstage-node';

const TABLE = 'desktop_display_passwords';

/** The `desktop_display_passwords` table: sealed values only. */
export class DisplayPasswordStore {
  constructor(private readonly knex: Knex) {}

  async put(desktopId: string, sealedPassword: string): Promise<void> {
    await this.knex(TABLE)
      .insert({
        desktop_id: desktopId,
        sealed_password: sealedPassword,
        updated_at: nowIso(),
      })
      .onConflict('desktop_id')
      .merge();
  }

  async get(desktopId: string): Promise<string | undefined> {
    const row = await this.knex(TABLE)
      .where({ desktop_id: desktopId })
      .first('sealed_password');
    return row?.sealed_password;
  }

  async delete(desktopId: string): Promise<void> {
    await this.knex(TABLE).where({ desktop_id: desktopId }).delete();
  }
}
