import { describePluginMigrations } from '@internal/backstage-plugin-labstage-node/testUtils';
import { applyMigrations, coursesMigrations } from './migrate';

describePluginMigrations('courses migrations', {
  migrations: coursesMigrations,
  apply: applyMigrations,
  tables: [
    'courses',
    'enrolments',
    'posts',
    'comments',
    'materials',
    'course_seeds',
  ],
});
