import { TestDatabases } from '@backstage/backend-test-utils';
import {
  migrateUnderOldNames,
  migrateUpDownAndUpAgain,
  migrationFiles,
  migrationNameProblems,
  requiredTestDatabaseIds,
} from '@internal/backstage-plugin-labstage-node/testUtils';
import { applyMigrations, coursesMigrations } from './migrate';

jest.setTimeout(60_000);

describe('courses migrations', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  const files = migrationFiles(coursesMigrations.directory);

  it('runs on every database the test command requires', () => {
    const ids = databases.eachSupportedId().map(([id]) => id);
    expect(ids).toEqual(expect.arrayContaining(requiredTestDatabaseIds()));
  });

  it('are named so that a migration written today sorts last', () => {
    expect(migrationNameProblems(coursesMigrations.directory)).toEqual([]);
  });

  it.each(databases.eachSupportedId())(
    'run up, down and up again, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const result = await migrateUpDownAndUpAgain(knex, coursesMigrations);
      expect(result).toEqual({ up: files, down: [], upAgain: files });
      for (const table of [
        'courses',
        'enrolments',
        'posts',
        'comments',
        'materials',
        'course_seeds',
      ]) {
        expect([table, await knex.schema.hasTable(table)]).toEqual([
          table,
          true,
        ]);
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'start a database made before the files were renamed, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUnderOldNames(knex, coursesMigrations);
      await applyMigrations(knex);
      const [applied] = await knex.migrate.list({
        directory: coursesMigrations.directory,
        tableName: coursesMigrations.tableName,
      });
      expect(applied.map((m: { name: string }) => m.name)).toEqual(files);
    },
  );
});
