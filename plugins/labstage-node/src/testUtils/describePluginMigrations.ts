/* eslint-disable jest/no-export, jest/valid-title -- a shared suite: each plugin's migrations.test.ts calls it with its own title */
import { Knex } from 'knex';
import { PluginMigrations } from '../database/applyMigrations';
import { requiredTestDatabases } from './databases';
import {
  migrateUnderOldNames,
  migrateUpDownAndUpAgain,
  migrationFiles,
  migrationNameProblems,
} from './migrations';

/**
 * The tests every plugin's migrations must pass, on SQLite and PostgreSQL:
 * names that sort in the order they were written, up/down/up, and a
 * database made before any rename still starting. Call it at the top level
 * of a plugin's `migrations.test.ts`.
 */
export function describePluginMigrations(
  title: string,
  options: {
    migrations: PluginMigrations;
    /** The plugin's own `applyMigrations`, as the plugin starts. */
    apply: (knex: Knex) => Promise<void>;
    /** Tables the migrations create. */
    tables: string[];
    /** Writes rows into the database made under the old names... */
    fillOldDatabase?: (knex: Knex) => Promise<void>;
    /** ...and checks they are still there once it has started. */
    checkCarriedOver?: (knex: Knex) => Promise<void>;
  },
): void {
  const { migrations } = options;
  describe(title, () => {
    jest.setTimeout(60_000);
    const databases = requiredTestDatabases(title);
    const files = migrationFiles(migrations.directory);

    it('are named so that a migration written today sorts last', () => {
      expect(migrationNameProblems(migrations.directory)).toEqual([]);
    });

    it.each(databases.eachSupportedId())(
      'run up, down and up again, %p',
      async databaseId => {
        const knex = await databases.init(databaseId);
        const result = await migrateUpDownAndUpAgain(knex, migrations);
        expect(result).toEqual({ up: files, down: [], upAgain: files });
        const missing = [];
        for (const table of options.tables) {
          if (!(await knex.schema.hasTable(table))) missing.push(table);
        }
        expect(missing).toEqual([]);
      },
    );

    it.each(databases.eachSupportedId())(
      'start a database made before the files were renamed, %p',
      async databaseId => {
        const knex = await databases.init(databaseId);
        await migrateUnderOldNames(knex, migrations);
        await options.fillOldDatabase?.(knex);
        await options.apply(knex);
        const [applied] = await knex.migrate.list({
          directory: migrations.directory,
          tableName: migrations.tableName,
        });
        expect(applied.map((m: { name: string }) => m.name)).toEqual(files);
        await options.checkCarriedOver?.(knex);
      },
    );
  });
}
