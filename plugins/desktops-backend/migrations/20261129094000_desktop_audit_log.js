/*
 * The desktop audit log: who opened which desktop in which mode and from
 * when to when (a `connection.open` and a `connection.close` row sharing a
 * connection id), share grants, changes and revokes, control hand-offs and
 * stops of someone else's desktop. Append-only: the plugin inserts rows and
 * deletes only those older than `desktops.audit.retentionDays`; no route
 * changes or removes one. Rows outlive their desktop (no foreign key).
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('desktop_audit_log', table => {
    table.bigIncrements('id');
    table.string('at', 30).notNullable();
    table.string('action', 32).notNullable();
    table.string('desktop_id', 36).notNullable();
    table.string('desktop_owner', 255).notNullable();
    table.string('actor', 255).notNullable();
    table.string('subject', 255).nullable();
    table.string('connection_id', 36).nullable();
    table.string('mode', 16).nullable();
    table.text('details').nullable();
    table.index(['desktop_id', 'id'], 'desktop_audit_log_desktop_idx');
    table.index(['actor'], 'desktop_audit_log_actor_idx');
    table.index(['subject'], 'desktop_audit_log_subject_idx');
    table.index(['connection_id'], 'desktop_audit_log_connection_idx');
    table.index(['at'], 'desktop_audit_log_at_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('desktop_audit_log');
};
