import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@internal/backstage-plugin-auth-backend-module-labstage-provider',
  'migrations',
);

/**
 * Applies this module's migrations. The auth plugin runs its own migrations
 * against the same database, so ours are tracked in a table of their own.
 */
export async function applyMigrations(knex: Knex): Promise<void> {
  await knex.migrate.latest({
    directory: migrationsDir,
    tableName: 'labstage_accounts_knex_migrations',
  });
}
