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
