/*
 * The VNC password of each desktop's current run, sealed with AES-256-GCM
 * (see src/vnc/VncPasswordVault.ts). The backend keeps it here rather than
 * read it back from anything a desktop can write; a table of its own keeps
 * secrets out of every query of `desktops`. One row per desktop, replaced on
 * every start, deleted with the desktop.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('desktop_display_passwords', table => {
    table.string('desktop_id', 36).primary();
    table.text('sealed_password').notNullable();
    table.string('updated_at', 30).notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('desktop_display_passwords');
};
