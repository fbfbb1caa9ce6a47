/*
 * `class_session_problem_notices`: the meetings whose instructors were told
 * which students' desktops the warm-up could not start (issue 13). One row
 * per meeting, inserted by whoever tells them, so they hear it once: when
 * the warm-up reached everyone, or at class start with whoever it had not
 * reached by then.
 *
 * Keyed like `class_session_runs` (session, meeting start); no foreign keys
 * (see 20261129130000_class_sessions.js).
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('class_session_problem_notices', table => {
    table.string('session_id', 36).notNullable();
    table.string('occurrence_start', 30).notNullable();
    table.string('noticed_at', 30).notNullable();
    table.primary(['session_id', 'occurrence_start']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('class_session_problem_notices');
};
