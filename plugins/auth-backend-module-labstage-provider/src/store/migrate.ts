import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  applyMigrations as applyPluginMigrations,
  PluginMigrations,
} from '@internal/backstage-plugin-labstage-node';
import { Knex } from 'knex';

/**
 * This module's migrations. The auth plugin runs its own migrations against
 * the same database, so ours are tracked in a table of their own.
 */
export const accountsMigrations: PluginMigrations = {
  directory: resolvePackagePath(
    '@internal/backstage-plugin-auth-backend-module-labstage-provider',
    'migrations',
  ),
  tableName: 'labstage_accounts_knex_migrations',
  // Renamed from a made-up date to the day it was written (2026-11-25).
  renamed: { '20250601000000_init.js': '20261125093450_init.js' },
};

/** Brings the accounts schema (users, sessions) up to date. */
export async function applyMigrations(knex: Knex): Promise<void> {
  await applyPluginMigrations(knex, accountsMigrations);
}
