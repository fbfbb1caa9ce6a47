/*
 * Labstage local accounts. The tables share the auth plugin's database, hence
 * the `labstage_` prefix (the auth plugin already owns a `sessions` table) and
 * the separate knex migrations table.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('labstage_users', table => {
    table.comment('Labstage local accounts');
    table.string('username', 32).primary().notNullable();
    table.string('display_name', 100).notNullable();
    table.string('email', 254).notNullable().unique();
    table.string('password_hash', 255).notNullable();
    table.string('role', 16).notNullable();
    table.boolean('disabled').notNullable().defaultTo(false);
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['role', 'disabled'], 'labstage_users_role_idx');
  });

  await knex.schema.createTable('labstage_sessions', table => {
    table.comment('Browser sessions of local accounts; id is sha256(token)');
    table.string('id', 64).primary().notNullable();
    table
      .string('username', 32)
      .notNullable()
      .references('username')
      .inTable('labstage_users')
      .onDelete('CASCADE');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table.timestamp('last_seen', { useTz: true }).notNullable();
    table.index(['username'], 'labstage_sessions_username_idx');
    table.index(['expires_at'], 'labstage_sessions_expires_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('labstage_sessions');
  await knex.schema.dropTable('labstage_users');
};
