import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  applyMigrations as applyPluginMigrations,
  PluginMigrations,
} from '@internal/backstage-plugin-labstage-node';
import { Knex } from 'knex';

/** The desktops migrations, tracked in a table of their own. */
export const desktopsMigrations: PluginMigrations = {
  directory: resolvePackagePath(
    '@internal/backstage-plugin-desktops-backend',
    'migrations',
  ),
  tableName: 'desktops_knex_migrations',
  // Renamed from future dates (which a migration written today would sort
  // before) to the days they were written.
  renamed: {
    '20270201000000_desktops.js': '20261125111033_desktops.js',
    '20270201000100_connect_tickets.js': '20261125111034_connect_tickets.js',
    '20270301000000_display_passwords.js':
      '20261128182631_display_passwords.js',
  },
};

/** Brings the desktops database schema (desktops, connect tickets, display passwords, images, shares) up to date. */
export async function applyMigrations(knex: Knex): Promise<void> {
  await applyPluginMigrations(knex, desktopsMigrations);
}
