import { TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { startCoursesBackend, userHeader } from '../__testUtils__/testBackend';

// Ids in paths are UUIDs. Anything else must be a plain 404 before any
// query: PostgreSQL answers a NUL byte in a query with an error, which would
// otherwise surface as a 500. Runs on PostgreSQL when the test command
// provides it.
jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())(
  'courses API answers malformed ids in paths with 404, %p',
  databaseId => {
    let http: ReturnType<typeof request>;
    let stop: () => Promise<void>;
    let courseId: string;

    beforeAll(async () => {
      const backend = await startCoursesBackend({
        knex: await databases.init(databaseId),
      });
      stop = () => backend.stop();
      http = request(backend.server);
      const course = await http
        .post('/api/courses/courses')
        .set('Authorization', userHeader('teacher'))
        .send({ title: 'Linux', code: 'CS101', term: 'Spring 2027' });
      courseId = course.body.id;
    });
    afterAll(() => stop());

    it.each([
      ['a NUL byte', '%00', 404],
      ['a NUL inside', 'x%00y', 404],
      // Express refuses to decode it: a malformed URL, not a missing course.
      ['percent-encoded invalid UTF-8', '%ED%A0%80', 400],
      ['not a uuid', 'not-a-course', 404],
    ])('as a course id: %s', async (_what, id, status) => {
      for (const path of [
        `/courses/${id}`,
        `/courses/${id}/posts?board=qa`,
        `/courses/${id}/materials`,
      ]) {
        const res = await http
          .get(`/api/courses${path}`)
          .set('Authorization', userHeader('teacher'));
        expect([path, res.status]).toEqual([path, status]);
      }
    });

    it.each([
      ['a NUL byte', '%00'],
      ['not a uuid', 'zzz'],
    ])('as a post, comment or material id: %s', async (_what, id) => {
      const teacher = userHeader('teacher');
      const paths = [
        `/courses/${courseId}/posts/${id}/comments`,
        `/courses/${courseId}/materials/${id}/content`,
      ];
      for (const path of paths) {
        const res = await http
          .get(`/api/courses${path}`)
          .set('Authorization', teacher);
        expect([path, res.status]).toEqual([path, 404]);
      }
      const del = await http
        .delete(`/api/courses/courses/${courseId}/posts/${id}`)
        .set('Authorization', teacher);
      expect(del.status).toBe(404);
    });
  },
);
