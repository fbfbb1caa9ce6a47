import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  applyMigrations as applyPluginMigrations,
  PluginMigrations,
} from '@internal/backstage-plugin-labstage-node';
import { Knex } from 'knex';

/** The courses migrations, tracked in a table of their own. */
export const coursesMigrations: PluginMigrations = {
  directory: resolvePackagePath(
    '@internal/backstage-plugin-courses-backend',
    'migrations',
  ),
  tableName: 'courses_knex_migrations',
  // Renamed from a future date (which a migration written today would sort
  // before) to the day it was written.
  renamed: { '20270101000000_init.js': '20261125093450_init.js' },
};

/**
 * Brings the courses database schema up to date. `defaultTimeZone` is the
 * zone courses that predate time zones get (see the course_time_zone
 * migration); knex hands user parameters on to migrations.
 */
export async function applyMigrations(
  knex: Knex,
  options: { defaultTimeZone?: string } = {},
): Promise<void> {
  await applyPluginMigrations(
    options.defaultTimeZone
      ? knex.withUserParams({
          ...knex.userParams,
          coursesDefaultTimeZone: options.defaultTimeZone,
        })
      : knex,
    coursesMigrations,
  );
}
