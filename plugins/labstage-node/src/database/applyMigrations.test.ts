import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations } from './applyMigrations';
import { requiredTestDatabases } from '../testUtils/databases';

jest.setTimeout(60_000);

const migration = (table: string) => `
exports.up = knex => knex.schema.createTable('${table}', t => { t.string('id'); });
exports.down = knex => knex.schema.dropTable('${table}');
`;

describe('applyMigrations', () => {
  const databases = requiredTestDatabases('applyMigrations tests');
  let directory: string;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'labstage-migrations-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it.each(databases.eachSupportedId())(
    'starts a database made under the old file names after a rename, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const tableName = 'renaming_knex_migrations';
      writeFileSync(join(directory, '20270101000000_init.js'), migration('a'));
      await applyMigrations(knex, { directory, tableName });

      // The release renames the file and adds a newer migration.
      renameSync(
        join(directory, '20270101000000_init.js'),
        join(directory, '20261125093450_init.js'),
      );
      writeFileSync(join(directory, '20261201000000_more.js'), migration('b'));
      await expect(
        knex.migrate.latest({ directory, tableName }),
      ).rejects.toThrow(/corrupt/);

      await applyMigrations(knex, {
        directory,
        tableName,
        renamed: { '20270101000000_init.js': '20261125093450_init.js' },
      });
      const applied = await knex(tableName).orderBy('id').pluck('name');
      expect(applied).toEqual([
        '20261125093450_init.js',
        '20261201000000_more.js',
      ]);
      expect(await knex.schema.hasTable('a')).toBe(true);
      expect(await knex.schema.hasTable('b')).toBe(true);
    },
  );

  it.each(databases.eachSupportedId())(
    'leaves a fresh database to knex when names were renamed, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      writeFileSync(join(directory, '20261125093450_init.js'), migration('a'));
      await applyMigrations(knex, {
        directory,
        tableName: 'fresh_knex_migrations',
        renamed: { '20270101000000_init.js': '20261125093450_init.js' },
      });
      expect(await knex('fresh_knex_migrations').pluck('name')).toEqual([
        '20261125093450_init.js',
      ]);
    },
  );
});
