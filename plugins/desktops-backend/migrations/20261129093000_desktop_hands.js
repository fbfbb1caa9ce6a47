/*
 * Raised hands: the owner of a course desktop asks the course's instructors
 * for help. At most one per desktop; it stays up until the owner or an
 * instructor lowers it. No foreign key to `desktops` (as for shares): on
 * SQLite a later migration that rebuilds `desktops` inside its transaction
 * would cascade and empty this table. Rows are only ever looked up by the
 * ids of existing desktops (ids are random and never reused), so the row of
 * a deleted desktop is never read again.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('desktop_hands', table => {
    table.string('desktop_id', 36).primary();
    table.string('raised_by', 255).notNullable();
    table.string('raised_at', 30).notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('desktop_hands');
};
