/*
 * Every course gets the IANA time zone its class sessions are expressed in.
 *
 * Existing courses get the installation's `courses.defaultTimeZone`, which
 * courses-backend validates and hands over as the knex user parameter
 * `coursesDefaultTimeZone` (knex passes user parameters on to migrations;
 * a migration can't read Backstage config itself). Run without it, e.g.
 * from the knex CLI, they get 'UTC'. The column's own default stays 'UTC'
 * whatever the config says, so the schema is the same everywhere; the store
 * always writes the zone explicitly.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const zone = knex.userParams?.coursesDefaultTimeZone || 'UTC';
  await knex.schema.alterTable('courses', table => {
    table.string('time_zone', 64).notNullable().defaultTo('UTC');
  });
  if (zone !== 'UTC') {
    await knex('courses').update({ time_zone: zone });
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('courses', table => {
    table.dropColumn('time_zone');
  });
};
