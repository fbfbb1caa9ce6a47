/*
 * Labstage desktops schema. Timestamps are ISO 8601 strings (UTC, fixed
 * width), so they sort and compare the same on SQLite and PostgreSQL.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('desktops', table => {
    // Short ids: the display socket path `<runDir>/<id>/vnc.sock` must stay
    // below the 108-byte unix socket limit.
    table.string('id', 12).primary();
    table.string('owner', 255).notNullable();
    table.string('name', 60).notNullable();
    table.string('image_id', 100).notNullable();
    table.string('image_ref', 500).notNullable();
    table.string('image_title', 200).notNullable();
    table.string('course_id', 36).nullable();
    table.string('state', 16).notNullable();
    table.text('state_reason').nullable();
    // JSON text of DesktopResources, the limits applied at the last start.
    table.text('resources').notNullable();
    table.string('runtime_handle', 255).nullable();
    table.string('home_volume', 255).nullable();
    table.string('created_at', 30).notNullable();
    table.string('updated_at', 30).notNullable();
    table.string('started_at', 30).nullable();
    table.string('last_input_at', 30).nullable();
    table.string('last_viewer_at', 30).nullable();
    // When the API call that led to the current launch arrived; the launch
    // latency metric runs from here to the display's first RFB greeting.
    table.string('launch_requested_at', 30).nullable();
    table.index(['owner'], 'desktops_owner_idx');
    table.index(['state'], 'desktops_state_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('desktops');
};
