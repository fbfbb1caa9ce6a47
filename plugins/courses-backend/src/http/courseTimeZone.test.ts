import { mockServices } from '@backstage/backend-test-utils';
import request from 'supertest';
import { startCoursesBackend, userHeader } from '../__testUtils__/testBackend';
import { readDefaultTimeZone } from '../service/defaultTimeZone';

jest.setTimeout(60_000);

const teacher = userHeader('teacher');

describe('course time zone API', () => {
  it('fills in courses.defaultTimeZone, takes a given zone and changes it', async () => {
    const backend = await startCoursesBackend({
      config: { courses: { defaultTimeZone: 'Europe/Berlin' } },
    });
    try {
      const plain = await request(backend.server)
        .post('/api/courses/courses')
        .set('Authorization', teacher)
        .send({ title: 'Linux', code: 'CS101' });
      expect(plain.status).toBe(201);
      expect(plain.body.timeZone).toBe('Europe/Berlin');

      const tokyo = await request(backend.server)
        .post('/api/courses/courses')
        .set('Authorization', teacher)
        .send({ title: 'Networks', code: 'CS201', timeZone: 'Asia/Tokyo' });
      expect(tokyo.status).toBe(201);
      expect(tokyo.body.timeZone).toBe('Asia/Tokyo');

      const moved = await request(backend.server)
        .patch(`/api/courses/courses/${plain.body.id}`)
        .set('Authorization', teacher)
        .send({ timeZone: 'America/New_York' });
      expect(moved.status).toBe(200);
      expect(moved.body.timeZone).toBe('America/New_York');

      const read = await request(backend.server)
        .get(`/api/courses/courses/${plain.body.id}`)
        .set('Authorization', teacher);
      expect(read.body.timeZone).toBe('America/New_York');
      const list = await request(backend.server)
        .get('/api/courses/courses')
        .set('Authorization', teacher);
      expect(
        list.body.items.map((c: { code: string; timeZone: string }) => [
          c.code,
          c.timeZone,
        ]),
      ).toEqual([
        ['CS101', 'America/New_York'],
        ['CS201', 'Asia/Tokyo'],
      ]);

      const bad = await request(backend.server)
        .patch(`/api/courses/courses/${plain.body.id}`)
        .set('Authorization', teacher)
        .send({ timeZone: 'Mars/Base' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain(
        "Unknown time zone 'Mars/Base'. Use an IANA name like Europe/Berlin",
      );
    } finally {
      await backend.stop();
    }
  });

  it('defaults to UTC when courses.defaultTimeZone is not set', async () => {
    const backend = await startCoursesBackend({});
    try {
      const res = await request(backend.server)
        .post('/api/courses/courses')
        .set('Authorization', teacher)
        .send({ title: 'Linux', code: 'CS101' });
      expect(res.body.timeZone).toBe('UTC');
    } finally {
      await backend.stop();
    }
  });
});

describe('readDefaultTimeZone', () => {
  const read = (courses: { defaultTimeZone?: string }) =>
    readDefaultTimeZone(mockServices.rootConfig({ data: { courses } }));

  it('reads the zone, UTC when unset or blank', () => {
    expect(read({ defaultTimeZone: 'Europe/Berlin' })).toBe('Europe/Berlin');
    expect(read({})).toBe('UTC');
    expect(read({ defaultTimeZone: ' ' })).toBe('UTC');
  });

  it('refuses an unknown zone with a message naming the setting', () => {
    expect(() => read({ defaultTimeZone: 'Mars/Base' })).toThrow(
      "courses.defaultTimeZone: unknown time zone 'Mars/Base'. Use an IANA name like Europe/Berlin",
    );
  });
});
