import { TestDatabases } from '@backstage/backend-test-utils';
import {
  migrateUnderOldNames,
  migrateUpDownAndUpAgain,
  migrationFiles,
  migrationNameProblems,
  requiredTestDatabaseIds,
} from '@internal/backstage-plugin-labstage-node/testUtils';
import { accountsMigrations, applyMigrations } from './migrate';

jest.setTimeout(60_000);

describe('accounts migrations', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  const files = migrationFiles(accountsMigrations.directory);

  it('runs on every database the test command requires', () => {
    const ids = databases.eachSupportedId().map(([id]) => id);
    expect(ids).toEqual(expect.arrayContaining(requiredTestDatabaseIds()));
  });

  it('are named so that a migration written today sorts last', () => {
    expect(migrationNameProblems(accountsMigrations.directory)).toEqual([]);
  });

  it.each(databases.eachSupportedId())(
    'run up, down and up again, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const result = await migrateUpDownAndUpAgain(knex, accountsMigrations);
      expect(result).toEqual({ up: files, down: [], upAgain: files });
      expect(await knex.schema.hasTable('labstage_users')).toBe(true);
    },
  );

  it.each(databases.eachSupportedId())(
    'start a database made before the files were renamed, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUnderOldNames(knex, accountsMigrations);
      await applyMigrations(knex);
      const [applied] = await knex.migrate.list({
        directory: accountsMigrations.directory,
        tableName: accountsMigrations.tableName,
      });
      expect(applied.map((m: { name: string }) => m.name)).toEqual(files);
    },
  );
});
