/*
 * Connect tickets of the desktop gateway. Only the SHA-256 of a ticket is
 * stored, so a database read can't be turned into a display connection.
 * Timestamps are fixed-width ISO 8601 strings (UTC), as in the desktops
 * table, so `expires_at > now` compares the same on SQLite and PostgreSQL.
 * No foreign key to `desktops`: the gateway may run as its own deployment,
 * and rows live for seconds (expired ones are purged).
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('desktop_connect_tickets', table => {
    table.string('ticket_hash', 64).primary();
    table.string('desktop_id', 36).notNullable();
    table.string('user_entity_ref', 255).notNullable();
    table.string('mode', 16).notNullable();
    table.string('created_at', 30).notNullable();
    table.string('expires_at', 30).notNullable();
    table.string('used_at', 30).nullable();
    table.index(['expires_at'], 'desktop_connect_tickets_expires_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('desktop_connect_tickets');
};
