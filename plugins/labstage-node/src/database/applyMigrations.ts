import { Knex } from 'knex';

/** Where a plugin's migrations live and where knex records the applied ones. */
export interface PluginMigrations {
  /** Folder of `<yyyymmddhhmmss>_<name>.js` files. */
  directory: string;
  /** Per-plugin bookkeeping table, since plugins may share one database. */
  tableName: string;
  /**
   * Files renamed after release, old name → new name. Knex refuses to start
   * when an applied migration's file is gone, so an existing database has
   * its records renamed first.
   */
  renamed?: Record<string, string>;
}

/** Brings a plugin's schema up to date, carrying renamed migrations over. */
export async function applyMigrations(
  knex: Knex,
  migrations: PluginMigrations,
): Promise<void> {
  await renameAppliedMigrations(knex, migrations);
  await knex.migrate.latest({
    directory: migrations.directory,
    tableName: migrations.tableName,
  });
}

async function renameAppliedMigrations(
  knex: Knex,
  { tableName, renamed = {} }: PluginMigrations,
): Promise<void> {
  const entries = Object.entries(renamed);
  if (entries.length === 0 || !(await knex.schema.hasTable(tableName))) {
    return;
  }
  await knex.transaction(async trx => {
    for (const [from, to] of entries) {
      await trx(tableName).where({ name: from }).update({ name: to });
    }
  });
}
