/* eslint-disable jest/no-export -- a shared check: each suite that calls it gets the test */
import { TestDatabases } from '@backstage/backend-test-utils';

type TestDatabaseId = Parameters<TestDatabases['init']>[0];

/**
 * The databases a suite must run on. Backstage's helpers quietly drop
 * PostgreSQL when neither its connection string nor Docker is available;
 * the test command sets LABSTAGE_REQUIRE_POSTGRES=1 so that can't pass
 * unnoticed.
 */
export function requiredTestDatabaseIds(): TestDatabaseId[] {
  return process.env.LABSTAGE_REQUIRE_POSTGRES === '1'
    ? ['POSTGRES_15', 'SQLITE_3']
    : ['SQLITE_3'];
}

/**
 * SQLite and PostgreSQL for a suite, with the test that fails when one the
 * test command requires is missing. Call it inside `describe`; `label`
 * names the suite in the line saying which databases it ran on.
 */
export function requiredTestDatabases(label: string): TestDatabases {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  it('runs on every database the test command requires', () => {
    const ids = databases.eachSupportedId().map(([id]) => id);
    // eslint-disable-next-line no-console
    console.log(`${label} run on: ${ids.join(', ')}`);
    expect(ids).toEqual(expect.arrayContaining(requiredTestDatabaseIds()));
  });
  return databases;
}
