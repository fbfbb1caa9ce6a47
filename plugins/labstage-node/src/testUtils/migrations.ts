import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Knex } from 'knex';
import { applyMigrations, PluginMigrations } from '../database/applyMigrations';

const MIGRATION_FILE = /^(\d{14})_[a-z0-9_]+\.js$/;

/** The migration files of a folder, in the order knex applies them. */
export function migrationFiles(directory: string): string[] {
  return readdirSync(directory)
    .filter(name => name.endsWith('.js'))
    .sort();
}

/**
 * What is wrong with a folder's migration names: a file not named
 * `<yyyymmddhhmmss>_<snake_case>.js`, or one dated after `now`. A future
 * date is the trap: a migration written today would sort before it and run
 * out of order on a fresh database.
 */
export function migrationNameProblems(
  directory: string,
  now: Date = new Date(),
): string[] {
  const latest = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return migrationFiles(directory).flatMap(name => {
    const match = MIGRATION_FILE.exec(name);
    if (!match) {
      return [`${name}: not named <yyyymmddhhmmss>_<snake_case>.js`];
    }
    return match[1] > latest ? [`${name}: dated in the future`] : [];
  });
}

/** Migrations knex lists as applied, by file name. */
async function appliedMigrations(
  knex: Knex,
  migrations: PluginMigrations,
): Promise<string[]> {
  const [completed] = await knex.migrate.list({
    directory: migrations.directory,
    tableName: migrations.tableName,
  });
  return completed.map((entry: { name: string }) => entry.name);
}

/**
 * Applies every migration, rolls all of them back, and applies them again,
 * reporting what was applied after each step so a test can compare.
 */
export async function migrateUpDownAndUpAgain(
  knex: Knex,
  migrations: PluginMigrations,
): Promise<{ up: string[]; down: string[]; upAgain: string[] }> {
  await applyMigrations(knex, migrations);
  const up = await appliedMigrations(knex, migrations);
  await knex.migrate.rollback(
    { directory: migrations.directory, tableName: migrations.tableName },
    true,
  );
  const down = await appliedMigrations(knex, migrations);
  await applyMigrations(knex, migrations);
  const upAgain = await appliedMigrations(knex, migrations);
  return { up, down, upAgain };
}

/**
 * Migrates a database the way an older release did, with the files under
 * their names before `renamed`, so a test can check that today's
 * `applyMigrations` still starts it.
 */
export async function migrateUnderOldNames(
  knex: Knex,
  migrations: PluginMigrations,
): Promise<void> {
  const oldDirectory = mkdtempSync(join(tmpdir(), 'labstage-old-migrations-'));
  try {
    // Only what existed back then: the renamed files (under their old
    // names) and anything older. Migrations written since would sort before
    // the old future-dated names and run out of order.
    const renamed = Object.entries(migrations.renamed ?? {});
    const newest =
      renamed
        .map(([, to]) => to)
        .sort()
        .pop() ?? '';
    const renamedTo = new Set(renamed.map(([, to]) => to));
    for (const file of readdirSync(migrations.directory)) {
      if (!renamedTo.has(file) && file < newest) {
        cpSync(join(migrations.directory, file), join(oldDirectory, file));
      }
    }
    for (const [from, to] of renamed) {
      cpSync(join(migrations.directory, to), join(oldDirectory, from));
    }
    await knex.migrate.latest({
      directory: oldDirectory,
      tableName: migrations.tableName,
    });
  } finally {
    rmSync(oldDirectory, { recursive: true, force: true });
  }
}
