import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@internal/backstage-plugin-desktops-backend',
  'migrations',
);

/** Brings the desktops database schema (desktops, connect tickets) up to date. */
export async function applyMigrations(knex: Knex): Promise<void> {
  await knex.migrate.latest({
    directory: migrationsDir,
    tableName: 'desktops_knex_migrations',
  });
}
