/*
 * Saved images and course environments.
 *
 * `desktop_saved_images` indexes what Labstage pushed to the registry: who
 * owns each version (the registry's own listing has no owners, and
 * authorization needs one), where it came from, and its digest and size.
 *
 * `desktop_course_environments` keeps every published version of a course's
 * environment; the newest is what new launches get. A version points at a
 * saved image, which therefore cannot be deleted while published
 * (`on delete restrict`, checked with a clear message before that).
 *
 * A course desktop records the environment version it was made from, and a
 * student has at most one desktop per course.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('desktop_saved_images', table => {
    table.string('id', 36).primary();
    table.string('owner', 255).notNullable().index();
    table.string('name', 64).notNullable();
    table.string('repository', 255).notNullable();
    table.string('tag', 128).notNullable();
    table.string('digest', 100).notNullable();
    table.bigInteger('size_bytes').notNullable();
    table.string('saved_from_desktop_id', 36).nullable();
    table.string('created_at', 30).notNullable();
    table.unique(['repository', 'tag']);
  });
  await knex.schema.createTable('desktop_course_environments', table => {
    table.string('course_id', 36).notNullable();
    table.integer('version').notNullable();
    table
      .string('image_id', 36)
      .notNullable()
      .references('id')
      .inTable('desktop_saved_images')
      .onDelete('RESTRICT');
    table.text('description').notNullable();
    table.text('resources').notNullable();
    table.string('published_by', 255).notNullable();
    table.string('published_at', 30).notNullable();
    table.primary(['course_id', 'version']);
  });
  await knex.schema.alterTable('desktops', table => {
    table.integer('environment_version').nullable();
    // NULL course ids are distinct in both SQLite and PostgreSQL, so only
    // course desktops are limited to one per owner.
    table.unique(['owner', 'course_id']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('desktops', table => {
    table.dropUnique(['owner', 'course_id']);
    table.dropColumn('environment_version');
  });
  await knex.schema.dropTable('desktop_course_environments');
  await knex.schema.dropTable('desktop_saved_images');
};
