/*
 * Class sessions (issue 13): when a course meets, in the course's time zone.
 *
 * `class_sessions`: one row per series (one-off or weekly). Dates are local
 * `yyyy-mm-dd` and `start_time` a local `HH:mm`; the meetings are computed
 * from them and the course's zone (src/sessions/occurrences.ts), so a
 * weekly class stays at 9:00 across DST changes. `weekdays` and
 * `cancelled_dates` are JSON arrays in text columns, which read the same on
 * SQLite and PostgreSQL.
 *
 * `class_session_runs`: how far the warm-up of one meeting got, so that a
 * backend restart resumes it instead of starting it again. The primary key
 * (session, meeting start) makes claiming a meeting atomic.
 *
 * No foreign keys (as for shares): on SQLite a later migration that
 * rebuilds a parent table inside its transaction would cascade. Deleting a
 * session deletes its runs in code.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('class_sessions', table => {
    table.string('id', 36).primary();
    table.string('course_id', 36).notNullable();
    table.string('title', 255).notNullable();
    table.string('kind', 16).notNullable();
    table.string('start_date', 10).notNullable();
    table.string('start_time', 5).notNullable();
    table.integer('duration_minutes').notNullable();
    table.text('weekdays').notNullable();
    table.string('until_date', 10).nullable();
    table.integer('warm_up_minutes').notNullable();
    table.integer('after_end_minutes').notNullable();
    table.text('cancelled_dates').notNullable();
    table.string('created_by', 255).notNullable();
    table.string('created_at', 30).notNullable();
    table.string('updated_at', 30).notNullable();
    table.index(['course_id'], 'class_sessions_course_idx');
  });
  await knex.schema.createTable('class_session_runs', table => {
    table.string('session_id', 36).notNullable();
    // ISO 8601 UTC, as the occurrence's `start`.
    table.string('occurrence_start', 30).notNullable();
    table.string('state', 16).notNullable();
    table.string('started_at', 30).notNullable();
    table.string('warm_at', 30).nullable();
    table.string('finished_at', 30).nullable();
    table.primary(['session_id', 'occurrence_start']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('class_session_runs');
  await knex.schema.dropTable('class_sessions');
};
