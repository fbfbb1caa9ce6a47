import { TestDatabases } from '@backstage/backend-test-utils';
import {
  migrateUnderOldNames,
  migrateUpDownAndUpAgain,
  migrationFiles,
  migrationNameProblems,
  requiredTestDatabaseIds,
} from '@internal/backstage-plugin-labstage-node/testUtils';
import { applyMigrations, desktopsMigrations } from './migrate';

jest.setTimeout(60_000);

const TABLES = [
  'desktops',
  'desktop_connect_tickets',
  'desktop_display_passwords',
];

describe('desktops migrations', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  const files = migrationFiles(desktopsMigrations.directory);

  it('runs on every database the test command requires', () => {
    const ids = databases.eachSupportedId().map(([id]) => id);
    expect(ids).toEqual(expect.arrayContaining(requiredTestDatabaseIds()));
  });

  it('are named so that a migration written today sorts last', () => {
    expect(migrationNameProblems(desktopsMigrations.directory)).toEqual([]);
  });

  it.each(databases.eachSupportedId())(
    'run up, down and up again, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const result = await migrateUpDownAndUpAgain(knex, desktopsMigrations);
      expect(result).toEqual({ up: files, down: [], upAgain: files });
      for (const table of TABLES) {
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
      await migrateUnderOldNames(knex, desktopsMigrations);
      await knex('desktops').insert({
        id: 'abcdefabcdef',
        owner: 'user:default/alice',
        name: 'Kept',
        image_id: 'linux-desktop',
        image_ref: 'labstage/desktop:latest',
        image_title: 'Linux desktop',
        state: 'stopped',
        resources: JSON.stringify({ cpus: 1, memoryMiB: 1536, pids: 512 }),
        created_at: '2026-11-26T00:00:00.000Z',
        updated_at: '2026-11-26T00:00:00.000Z',
      });
      await applyMigrations(knex);
      const [applied] = await knex.migrate.list({
        directory: desktopsMigrations.directory,
        tableName: desktopsMigrations.tableName,
      });
      expect(applied.map((m: { name: string }) => m.name)).toEqual(files);
      expect(await knex('desktops').pluck('name')).toEqual(['Kept']);
    },
  );
});
