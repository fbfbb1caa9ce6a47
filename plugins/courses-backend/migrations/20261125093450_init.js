/*
 * Labstage courses schema. Timestamps are ISO 8601 strings (UTC, fixed
 * width), so they sort and compare the same on SQLite and PostgreSQL.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('courses', table => {
    table.string('id', 36).primary();
    table.string('title', 200).notNullable();
    table.string('code', 32).notNullable();
    table.string('term', 100).notNullable().defaultTo('');
    table.text('description').notNullable().defaultTo('');
    table.boolean('archived').notNullable().defaultTo(false);
    table.string('join_code', 32).nullable().unique();
    table.boolean('join_code_enabled').notNullable().defaultTo(true);
    table.string('created_at', 30).notNullable();
    table.string('updated_at', 30).notNullable();
  });

  await knex.schema.createTable('enrolments', table => {
    table
      .string('course_id', 36)
      .notNullable()
      .references('id')
      .inTable('courses')
      .onDelete('CASCADE');
    table.string('username', 64).notNullable();
    table.string('role', 16).notNullable();
    table.string('joined_at', 30).notNullable();
    table.primary(['course_id', 'username']);
    table.index(['username'], 'enrolments_username_idx');
  });

  await knex.schema.createTable('posts', table => {
    table.string('id', 36).primary();
    table
      .string('course_id', 36)
      .notNullable()
      .references('id')
      .inTable('courses')
      .onDelete('CASCADE');
    table.string('board', 16).notNullable();
    table.string('title', 200).notNullable();
    table.text('body').notNullable();
    table.string('author_username', 64).notNullable();
    table.boolean('pinned').notNullable().defaultTo(false);
    table.boolean('locked').notNullable().defaultTo(false);
    table.string('created_at', 30).notNullable();
    table.string('updated_at', 30).notNullable();
    table.index(['course_id', 'board', 'created_at'], 'posts_course_board_idx');
  });

  await knex.schema.createTable('comments', table => {
    table.string('id', 36).primary();
    table
      .string('post_id', 36)
      .notNullable()
      .references('id')
      .inTable('posts')
      .onDelete('CASCADE');
    table.text('body').notNullable();
    table.string('author_username', 64).notNullable();
    table.string('created_at', 30).notNullable();
    table.string('updated_at', 30).notNullable();
    table.index(['post_id', 'created_at'], 'comments_post_idx');
  });

  await knex.schema.createTable('materials', table => {
    table.string('id', 36).primary();
    table
      .string('course_id', 36)
      .notNullable()
      .references('id')
      .inTable('courses')
      .onDelete('CASCADE');
    table.string('filename', 255).notNullable();
    table.string('storage_key', 64).notNullable().unique();
    table.bigInteger('size').notNullable();
    table.string('content_type', 255).notNullable();
    table.string('uploaded_by', 64).notNullable();
    table.string('created_at', 30).notNullable();
    table.index(['course_id'], 'materials_course_idx');
  });

  // Which one-off seeds (e.g. the demo course) have been applied.
  await knex.schema.createTable('course_seeds', table => {
    table.string('name', 64).primary();
    table.string('applied_at', 30).notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('course_seeds');
  await knex.schema.dropTable('materials');
  await knex.schema.dropTable('comments');
  await knex.schema.dropTable('posts');
  await knex.schema.dropTable('enrolments');
  await knex.schema.dropTable('courses');
};
