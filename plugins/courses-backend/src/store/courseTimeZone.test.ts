import { requiredTestDatabases } from '@internal/backstage-plugin-labstage-node/testUtils';
import { Knex } from 'knex';
import { applyMigrations, createCoursesStore } from './index';
import { coursesMigrations } from './migrate';

jest.setTimeout(60_000);

const INIT = '20261125093450_init.js';

/** A database as it was before courses had time zones, with one course. */
async function databaseBeforeTimeZones(knex: Knex): Promise<void> {
  await knex.migrate.up({
    directory: coursesMigrations.directory,
    tableName: coursesMigrations.tableName,
    name: INIT,
  });
  await knex('courses').insert({
    id: 'old-course',
    title: 'Old',
    code: 'OLD1',
    term: '',
    description: '',
    archived: false,
    join_code: null,
    join_code_enabled: true,
    created_at: '2026-11-01T08:00:00.000Z',
    updated_at: '2026-11-01T08:00:00.000Z',
  });
}

describe('course time zones in the store', () => {
  const databases = requiredTestDatabases('course time zone store tests');

  it.each(databases.eachSupportedId())(
    'stores the zone given at creation and changes it on update, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyMigrations(knex);
      const store = createCoursesStore(knex);
      const course = await store.courses.create({
        title: 'Linux',
        code: 'CS101',
        term: '',
        description: '',
        timeZone: 'America/Argentina/Buenos_Aires',
        instructor: 'teacher',
      });
      expect(course.timeZone).toBe('America/Argentina/Buenos_Aires');
      expect((await store.courses.get(course.id))?.timeZone).toBe(
        'America/Argentina/Buenos_Aires',
      );
      const updated = await store.courses.update(course.id, {
        timeZone: 'Asia/Tokyo',
      });
      expect(updated?.timeZone).toBe('Asia/Tokyo');
      // Other changes leave the zone alone.
      await store.courses.update(course.id, { title: 'Linux 2' });
      expect((await store.courses.listAll())[0]).toMatchObject({
        title: 'Linux 2',
        timeZone: 'Asia/Tokyo',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'gives existing courses the configured default zone, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await databaseBeforeTimeZones(knex);
      await applyMigrations(knex, { defaultTimeZone: 'Europe/Berlin' });
      const store = createCoursesStore(knex);
      expect((await store.courses.get('old-course'))?.timeZone).toBe(
        'Europe/Berlin',
      );
      // The column's own default does not follow the config.
      await knex('courses').insert({
        id: 'raw-course',
        title: 'Raw',
        code: 'RAW1',
        created_at: '2026-11-02T08:00:00.000Z',
        updated_at: '2026-11-02T08:00:00.000Z',
      });
      expect((await store.courses.get('raw-course'))?.timeZone).toBe('UTC');
    },
  );

  it.each(databases.eachSupportedId())(
    'gives existing courses UTC when no default is configured, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await databaseBeforeTimeZones(knex);
      await applyMigrations(knex);
      expect(
        (await createCoursesStore(knex).courses.get('old-course'))?.timeZone,
      ).toBe('UTC');
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses a course without a zone, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyMigrations(knex);
      await expect(
        knex('courses').insert({
          id: 'no-zone',
          title: 'No zone',
          code: 'NZ1',
          time_zone: null,
          created_at: '2026-11-02T08:00:00.000Z',
          updated_at: '2026-11-02T08:00:00.000Z',
        }),
      ).rejects.toThrow();
    },
  );
});
