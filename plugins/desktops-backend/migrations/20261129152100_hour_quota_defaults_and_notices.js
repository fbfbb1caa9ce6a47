/*
 * Hour quotas (issue 13), the rest of their state:
 *
 * - `hour_quota_defaults`: the installation's defaults for courses without a
 *   budget of their own, as an admin set them. One row (id 1) or none: with
 *   none, `desktops.quotas.defaultWeeklyHours` applies (absent: no limit),
 *   so the config stays the starting point until an admin decides.
 *   `weekly_hours` null: no weekly limit.
 * - `hour_quota_notices`: which students were told they are near their
 *   hours, per course and week (`week_start` as in `hour_grants`). The
 *   primary key makes sending once atomic, across checks, backend restarts
 *   and replicas: whoever inserts the row sends the notice.
 * - `course_hour_budgets.weekly_hours` becomes nullable: a course may keep
 *   its own class-time setting while its hours follow the default.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('hour_quota_defaults', table => {
    table.integer('id').primary();
    table.double('weekly_hours').nullable();
    table.boolean('class_time_counts').notNullable().defaultTo(false);
    table.string('updated_by', 255).notNullable();
    table.string('updated_at', 30).notNullable();
  });

  await knex.schema.createTable('hour_quota_notices', table => {
    table.string('course_id', 36).notNullable();
    table.string('student', 255).notNullable();
    table.string('week_start', 10).notNullable();
    table.string('kind', 16).notNullable();
    table.string('sent_at', 30).notNullable();
    table.primary(['course_id', 'student', 'week_start', 'kind']);
  });

  await knex.schema.alterTable('course_hour_budgets', table => {
    table.double('weekly_hours').nullable().alter();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  // Courses that followed the default's hours follow it entirely again.
  await knex('course_hour_budgets').whereNull('weekly_hours').delete();
  await knex.schema.alterTable('course_hour_budgets', table => {
    table.double('weekly_hours').notNullable().alter();
  });
  await knex.schema.dropTable('hour_quota_notices');
  await knex.schema.dropTable('hour_quota_defaults');
};
