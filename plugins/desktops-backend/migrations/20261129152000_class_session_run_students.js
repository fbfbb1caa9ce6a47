/*
 * What the warm-up of each class meeting did per student (issue 13), so a
 * backend restart resumes a meeting without starting or notifying anyone
 * twice.
 *
 * `class_session_run_students`: one row per (meeting, student) once the
 * warm-up is done with that student: `started` (their desktop runs; they
 * were told) or `failed` with the reason the instructors see.
 *
 * `class_session_stop_notices`: the desktops whose owner was still active
 * when the meeting's stop time came, and when they were told that it
 * stops 5 minutes later.
 *
 * Keyed like `class_session_runs` (session, meeting start); no foreign keys
 * (see 20261129130000_class_sessions.js): deleting a session deletes these
 * rows in code.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('class_session_run_students', table => {
    table.string('session_id', 36).notNullable();
    table.string('occurrence_start', 30).notNullable();
    // User entity ref.
    table.string('student', 255).notNullable();
    table.string('outcome', 16).notNullable();
    table.string('desktop_id', 36).nullable();
    table.text('reason').nullable();
    table.string('recorded_at', 30).notNullable();
    table.primary(['session_id', 'occurrence_start', 'student']);
  });
  await knex.schema.createTable('class_session_stop_notices', table => {
    table.string('session_id', 36).notNullable();
    table.string('occurrence_start', 30).notNullable();
    table.string('desktop_id', 36).notNullable();
    table.string('noticed_at', 30).notNullable();
    table.primary(['session_id', 'occurrence_start', 'desktop_id']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('class_session_stop_notices');
  await knex.schema.dropTable('class_session_run_students');
};
