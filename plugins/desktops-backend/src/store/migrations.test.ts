import { describePluginMigrations } from '@internal/backstage-plugin-labstage-node/testUtils';
import { applyMigrations, desktopsMigrations } from './migrate';

describePluginMigrations('desktops migrations', {
  migrations: desktopsMigrations,
  apply: applyMigrations,
  tables: [
    'desktops',
    'desktop_connect_tickets',
    'desktop_display_passwords',
    'desktop_saved_images',
    'desktop_course_environments',
    'desktop_shares',
    'desktop_audit_log',
    'desktop_hands',
    'desktop_run_intervals',
    'course_hour_budgets',
    'hour_grants',
    'class_sessions',
    'class_session_runs',
    'hour_quota_defaults',
    'hour_quota_notices',
    'class_session_run_students',
    'class_session_stop_notices',
    'class_session_problem_notices',
  ],
  fillOldDatabase: async knex => {
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
  },
  checkCarriedOver: async knex => {
    expect(await knex('desktops').pluck('name')).toEqual(['Kept']);
  },
});
