/*
 * Hour quotas (issue 13). Running time is recorded as intervals, not as a
 * counter, so the week's use is exact across stop/start and backend
 * restarts and can be recomputed for any window (a week in the course's
 * zone, minus class time).
 *
 * - `desktop_run_intervals`: one row per stretch a desktop ran, from start
 *   to stop. `ended_at` is null while it runs; at most one such open row per
 *   desktop (a partial unique index, which PostgreSQL and SQLite both
 *   support). `owner` and `course_id` are copied from the desktop so the
 *   rows outlive it: deleting a desktop must not give its hours back. No
 *   foreign key to `desktops`, for that reason and because a later SQLite
 *   table rebuild of `desktops` would cascade into this table.
 * - `course_hour_budgets`: a course's weekly hours per student; no row: the
 *   installation's default applies.
 * - `hour_grants`: extra hours an instructor gave one student for one week
 *   (`week_start` is the ISO date of that week's Monday in the course's
 *   zone). Several grants add up; rows are kept as the record of who gave
 *   what.
 *
 * Times are ISO 8601 UTC strings of fixed width, so they compare as text.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('desktop_run_intervals', table => {
    table.bigIncrements('id');
    table.string('desktop_id', 36).notNullable();
    table.string('owner', 255).notNullable();
    table.string('course_id', 36).nullable();
    table.string('started_at', 30).notNullable();
    table.string('ended_at', 30).nullable();
    table.string('end_reason', 64).nullable();
    // A student's week in a course: the meter and the quota check.
    table.index(
      ['owner', 'course_id', 'started_at'],
      'desktop_run_intervals_owner_course_idx',
    );
    table.index(['desktop_id'], 'desktop_run_intervals_desktop_idx');
  });
  // At most one open interval per desktop, whatever the callers do: opening
  // twice (a retried start, two backend replicas) inserts nothing the
  // second time.
  await knex.raw(
    'CREATE UNIQUE INDEX desktop_run_intervals_one_open ' +
      'ON desktop_run_intervals (desktop_id) WHERE ended_at IS NULL',
  );

  await knex.schema.createTable('course_hour_budgets', table => {
    table.string('course_id', 36).primary();
    table.double('weekly_hours').notNullable();
    table.boolean('class_time_counts').notNullable().defaultTo(false);
    table.string('updated_by', 255).notNullable();
    table.string('updated_at', 30).notNullable();
  });

  await knex.schema.createTable('hour_grants', table => {
    table.bigIncrements('id');
    table.string('course_id', 36).notNullable();
    table.string('student', 255).notNullable();
    table.string('week_start', 10).notNullable();
    table.double('extra_hours').notNullable();
    table.string('granted_by', 255).notNullable();
    table.string('granted_at', 30).notNullable();
    table.string('reason', 500).nullable();
    table.index(
      ['course_id', 'student', 'week_start'],
      'hour_grants_student_week_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('hour_grants');
  await knex.schema.dropTable('course_hour_budgets');
  await knex.schema.dropTable('desktop_run_intervals');
};
