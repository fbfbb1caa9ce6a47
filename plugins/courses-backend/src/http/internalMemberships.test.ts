import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  serviceHeader,
  startCoursesBackend,
  userHeader,
} from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

/** `GET /internal/memberships` and its filters (who may call it: the matrix). */
describe('internal memberships', () => {
  let root: string;
  let server: http.Server;
  let stop: () => Promise<void>;
  let cs101: string;
  let cs102: string;
  let cs103: string;
  const desktops = serviceHeader('desktops');

  const memberships = async (query: string) => {
    const res = await request(server)
      .get(`/api/courses/internal/memberships${query}`)
      .set('Authorization', desktops)
      .expect(200);
    return (
      res.body.items as Array<{
        courseId: string;
        instructors: string[];
        students: string[];
      }>
    )
      .map(c => ({
        courseId: c.courseId,
        instructors: c.instructors,
        students: c.students,
      }))
      .sort((a, b) => a.courseId.localeCompare(b.courseId));
  };
  const sorted = <T extends { courseId: string }>(items: T[]) =>
    items.sort((a, b) => a.courseId.localeCompare(b.courseId));

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'courses-memberships-'));
    const backend = await startCoursesBackend({
      config: {
        courses: {
          materials: {
            storage: { type: 'filesystem', filesystem: { directory: root } },
          },
        },
      },
    });
    server = backend.server as unknown as http.Server;
    stop = () => backend.stop();
    const course = async (title: string, code: string, teacher: string) => {
      const res = await request(server)
        .post('/api/courses/courses')
        .set('Authorization', userHeader(teacher))
        .send({ title, code })
        .expect(201);
      return res.body as { id: string; joinCode: string };
    };
    const join = (user: string, joinCode: string) =>
      request(server)
        .post('/api/courses/join')
        .set('Authorization', userHeader(user))
        .send({ code: joinCode })
        .expect(201);
    const a = await course('Linux', 'CS101', 'teacher');
    const b = await course('Networks', 'CS102', 'tina');
    const c = await course('Empty', 'CS103', 'tina');
    cs101 = a.id;
    cs102 = b.id;
    cs103 = c.id;
    await join('alice', a.joinCode);
    await join('bob', a.joinCode);
    await join('alice', b.joinCode);
    await join('carol', b.joinCode);
  });

  afterAll(async () => {
    await stop();
    await fs.rm(root, { recursive: true, force: true });
  });

  it('lists every course without a filter', async () => {
    expect((await memberships('')).map(c => c.courseId)).toEqual(
      [cs101, cs102, cs103].sort(),
    );
  });

  it('lists only the courses a member is in, with all their members', async () => {
    expect(await memberships('?member=alice')).toEqual(
      sorted([
        {
          courseId: cs101,
          instructors: ['teacher'],
          students: ['alice', 'bob'],
        },
        {
          courseId: cs102,
          instructors: ['tina'],
          students: ['alice', 'carol'],
        },
      ]),
    );
    expect(await memberships('?member=dave')).toEqual([]);
  });

  it('lists only the named courses, and with a member only those they are in', async () => {
    expect(
      (await memberships(`?courseId=${cs101}&courseId=${cs103}`)).map(
        c => c.courseId,
      ),
    ).toEqual([cs101, cs103].sort());
    expect(
      (await memberships(`?courseId=${cs102}&member=bob`)).map(c => c.courseId),
    ).toEqual([]);
    expect(
      (await memberships(`?courseId=${cs102}&member=carol`)).map(
        c => c.courseId,
      ),
    ).toEqual([cs102]);
  });

  it("gives each course's code, title and time zone", async () => {
    const res = await request(server)
      .get(`/api/courses/internal/memberships?courseId=${cs101}`)
      .set('Authorization', desktops)
      .expect(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        courseId: cs101,
        code: 'CS101',
        title: 'Linux',
        timeZone: 'UTC',
      }),
    ]);
  });

  it('refuses malformed filters with a 400 saying what is wrong', async () => {
    const res = await request(server)
      .get('/api/courses/internal/memberships?courseId=nope')
      .set('Authorization', desktops)
      .expect(400);
    expect(JSON.stringify(res.body)).toContain('Course ids are UUIDs');
    await request(server)
      .get('/api/courses/internal/memberships?member=Not%20A%20User')
      .set('Authorization', desktops)
      .expect(400);
    await request(server)
      .get('/api/courses/internal/memberships?other=1')
      .set('Authorization', desktops)
      .expect(400);
  });
});
