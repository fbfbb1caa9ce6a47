/*
 * People a desktop's owner invited, and as what (viewer or controller).
 * One row per (desktop, person): inviting again changes the role.
 * `grantee_entity_ref` is a lower-case user entity ref. Deleting a desktop
 * deletes its shares first, in code, so that the gateway hears of each
 * revocation. No foreign key to `desktops`: on SQLite, a later migration
 * that rebuilds `desktops` (as some column changes do) inside its
 * transaction would cascade and silently empty this table.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('desktop_shares', table => {
    table.string('desktop_id', 36).notNullable();
    table.string('grantee_entity_ref', 255).notNullable();
    table.string('role', 16).notNullable();
    table.string('granted_by', 255).notNullable();
    table.string('granted_at', 30).notNullable();
    table.string('updated_at', 30).notNullable();
    table.primary(['desktop_id', 'grantee_entity_ref']);
    // "Shared with me" looks shares up by person.
    table.index(['grantee_entity_ref'], 'desktop_shares_grantee_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('desktop_shares');
};
