/*
 * The window of each meeting the class session runner handled, stored on
 * its run (issue 13, hour quotas): `course_id` and [warm_up_at, stop_at),
 * ISO 8601 UTC, filled when the meeting is claimed. The hour accounting
 * reads past session time from these instead of the current schedule, so
 * editing, cancelling or deleting a session afterwards does not change
 * hours already used.
 *
 * Nullable: filled here for the runs already recorded whose session still
 * exists (the warm-up and after-end minutes and the duration are elapsed
 * time, so the window follows from the meeting's start without its zone).
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('class_session_runs', table => {
    table.string('course_id', 36).nullable();
    table.string('warm_up_at', 30).nullable();
    table.string('stop_at', 30).nullable();
    table.index(['course_id', 'warm_up_at'], 'class_session_runs_course_idx');
  });
  const runs = await knex('class_session_runs as r')
    .join('class_sessions as s', 's.id', 'r.session_id')
    .select(
      'r.session_id',
      'r.occurrence_start',
      's.course_id',
      's.duration_minutes',
      's.warm_up_minutes',
      's.after_end_minutes',
    );
  const minute = 60_000;
  for (const run of runs) {
    const start = Date.parse(run.occurrence_start);
    const end = start + Number(run.duration_minutes) * minute;
    await knex('class_session_runs')
      .where({
        session_id: run.session_id,
        occurrence_start: run.occurrence_start,
      })
      .update({
        course_id: run.course_id,
        warm_up_at: new Date(
          start - Number(run.warm_up_minutes) * minute,
        ).toISOString(),
        stop_at: new Date(
          end + Number(run.after_end_minutes) * minute,
        ).toISOString(),
      });
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('class_session_runs', table => {
    table.dropIndex(
      ['course_id', 'warm_up_at'],
      'class_session_runs_course_idx',
    );
    table.dropColumn('stop_at');
    table.dropColumn('warm_up_at');
    table.dropColumn('course_id');
  });
};
