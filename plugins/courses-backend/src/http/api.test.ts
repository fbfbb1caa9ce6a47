import { TestDatabases } from '@backstage/backend-test-utils';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { startCoursesBackend, userHeader } from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const MAX_BYTES = 64;

async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true });
  return entries.map(String).sort();
}

describe('courses API', () => {
  let root: string;
  let materialsDir: string;
  let server: http.Server;
  let courseId: string;
  const teacher = userHeader('teacher');
  const alice = userHeader('alice');

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'courses-api-'));
    materialsDir = path.join(root, 'store', 'materials');
    const backend = await startCoursesBackend({
      config: {
        courses: {
          materials: {
            maxBytes: MAX_BYTES,
            storage: {
              type: 'filesystem',
              filesystem: { directory: materialsDir },
            },
          },
        },
      },
    });
    server = backend.server as unknown as http.Server;
    const course = await request(server)
      .post('/api/courses/courses')
      .set('Authorization', teacher)
      .send({ title: 'Linux', code: 'CS101', term: 'Spring 2027' });
    if (course.status !== 201)
      throw new Error(`create course: ${course.status}`);
    courseId = course.body.id;
    const joined = await request(server)
      .post('/api/courses/join')
      .set('Authorization', alice)
      .send({ code: course.body.joinCode.toLowerCase() });
    if (joined.status !== 201) throw new Error(`join: ${joined.status}`);
  });

  afterAll(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  const base = () => `/api/courses/courses/${courseId}`;

  it.each([
    ['POST', '/api/courses/courses', {}, /title/],
    [
      'POST',
      '/api/courses/courses',
      { title: 'x', code: 'bad code!' },
      /Code may only contain/,
    ],
    ['POST', '/api/courses/join', { code: '' }, /Join code is required/],
    ['POST', '/api/courses/join', { code: 5 }, /code/],
    ['PATCH', 'COURSE', {}, /Nothing to update/],
    ['PATCH', 'COURSE', { archived: 'yes' }, /archived/],
    ['PATCH', 'COURSE', { owner: 'me' }, /owner/],
    [
      'POST',
      '/api/courses/courses',
      { title: 'x', code: 'X1', timeZone: 'Mars/Base' },
      "Unknown time zone 'Mars/Base'. Use an IANA name like Europe/Berlin",
    ],
    [
      'PATCH',
      'COURSE',
      { timeZone: 'Mars/Base' },
      "Unknown time zone 'Mars/Base'. Use an IANA name like Europe/Berlin",
    ],
    ['PATCH', 'COURSE', { timeZone: 42 }, /Time zone must be a string/],
    [
      'POST',
      'COURSE/join-code',
      { action: 'explode' },
      /Action must be one of/,
    ],
    [
      'POST',
      'COURSE/instructors',
      { username: 'Not Valid' },
      /Username is not valid/,
    ],
    [
      'POST',
      'COURSE/posts',
      { board: 'random', title: 't', body: 'b' },
      /Board must be/,
    ],
    [
      'POST',
      'COURSE/posts',
      { board: 'qa', title: '', body: 'b' },
      /Title is required/,
    ],
    [
      'POST',
      'COURSE/posts',
      { board: 'qa', title: 'x'.repeat(201), body: 'b' },
      /at most 200/,
    ],
  ])('%s %s %j → 400 with a message', async (method, route, body, message) => {
    const url = route.replace('COURSE', base());
    const req =
      method === 'POST'
        ? request(server).post(url)
        : request(server).patch(url);
    const res = await req.set('Authorization', teacher).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toMatch(message);
  });

  it('rejects malformed JSON and bad paging with 400', async () => {
    const malformed = await request(server)
      .post('/api/courses/courses')
      .set('Authorization', teacher)
      .set('Content-Type', 'application/json')
      .send('{"title": ');
    expect(malformed.status).toBe(400);
    const paging = await request(server)
      .get(`${base()}/posts?board=qa&pageSize=51`)
      .set('Authorization', alice);
    expect(paging.status).toBe(400);
    expect(paging.body.error.message).toMatch(/pageSize must be at most 50/);
    const noBoard = await request(server)
      .get(`${base()}/posts`)
      .set('Authorization', alice);
    expect(noBoard.status).toBe(400);
  });

  it('returns 404 for unknown courses, posts and bad join codes', async () => {
    const course = await request(server)
      .get('/api/courses/courses/does-not-exist')
      .set('Authorization', teacher);
    expect(course.status).toBe(404);
    const post = await request(server)
      .get(`${base()}/posts/nope/comments`)
      .set('Authorization', alice);
    expect(post.status).toBe(404);
    const join = await request(server)
      .post('/api/courses/join')
      .set('Authorization', userHeader('bob'))
      .send({ code: 'ZZZZ-ZZZZ' });
    expect(join.status).toBe(404);
    expect(join.body.error.message).toBe('That join code is not valid');
  });

  it('manages join codes: regenerate, disable, enable; hides them from students', async () => {
    const regenerated = await request(server)
      .post(`${base()}/join-code`)
      .set('Authorization', teacher)
      .send({ action: 'regenerate' });
    expect(regenerated.status).toBe(200);
    expect(regenerated.body.joinCode).toMatch(
      /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/,
    );
    const disabled = await request(server)
      .post(`${base()}/join-code`)
      .set('Authorization', teacher)
      .send({ action: 'disable' });
    expect(disabled.body.joinCodeEnabled).toBe(false);
    const refused = await request(server)
      .post('/api/courses/join')
      .set('Authorization', userHeader('carol'))
      .send({ code: regenerated.body.joinCode });
    expect(refused.status).toBe(404);
    await request(server)
      .post(`${base()}/join-code`)
      .set('Authorization', teacher)
      .send({ action: 'enable' })
      .expect(200);

    const asStudent = await request(server)
      .get(base())
      .set('Authorization', alice);
    expect(asStudent.status).toBe(200);
    expect(asStudent.body.myRole).toBe('student');
    expect(asStudent.body).not.toHaveProperty('joinCode');
    const asTeacher = await request(server)
      .get(base())
      .set('Authorization', teacher);
    expect(asTeacher.body.myRole).toBe('instructor');
    expect(asTeacher.body.joinCode).toBe(regenerated.body.joinCode);
  });

  it('refuses comments on a locked post with 423 and shows display names', async () => {
    const post = await request(server)
      .post(`${base()}/posts`)
      .set('Authorization', alice)
      .send({ board: 'qa', title: 'Help', body: 'How?' });
    expect(post.body).toMatchObject({
      authorUsername: 'alice',
      authorDisplayName: 'Alice Student',
      canEdit: true,
      canModerate: false,
    });
    await request(server)
      .patch(`${base()}/posts/${post.body.id}`)
      .set('Authorization', teacher)
      .send({ locked: true })
      .expect(200);
    const comment = await request(server)
      .post(`${base()}/posts/${post.body.id}/comments`)
      .set('Authorization', alice)
      .send({ body: 'anyone?' });
    expect(comment.status).toBe(423);
    expect(comment.body.error.message).toMatch(/locked/);
  });

  it('neutralizes traversal file names and writes only inside the store', async () => {
    const before = await listFiles(root);
    const names: Array<[string, string]> = [
      ['../../etc/passwd', 'passwd'],
      ['..\\..\\x', 'x'],
      ['/abs/path', 'path'],
      ['nul\u0000byte.txt', 'nulbyte.txt'],
      ['..', 'file'],
    ];
    for (const [name, expected] of names) {
      const res = await request(server)
        .post(`${base()}/materials?filename=${encodeURIComponent(name)}`)
        .set('Authorization', teacher)
        .set('Content-Type', 'text/plain')
        .send('payload');
      expect(res.status).toBe(201);
      expect(res.body.filename).toBe(expected);
      expect(res.body.size).toBe(7);

      const download = await request(server)
        .get(`${base()}/materials/${res.body.id}/content`)
        .set('Authorization', alice);
      expect(download.status).toBe(200);
      expect(download.text).toBe('payload');
      expect(download.headers['x-content-type-options']).toBe('nosniff');
      expect(download.headers['content-disposition']).toBe(
        `attachment; filename="${expected}"; filename*=UTF-8''${encodeURIComponent(
          expected,
        )}`,
      );
    }
    const after = await listFiles(root);
    const added = after.filter(f => !before.includes(f));
    // every new file is a generated key directly inside the materials dir
    for (const file of added) {
      expect(file).toMatch(/^store(\/materials(\/[0-9a-f-]{36})?)?$/);
    }
    expect(added.filter(f => /[0-9a-f-]{36}$/.test(f))).toHaveLength(
      names.length,
    );
  });

  it('answers 413 for a declared Content-Length over the limit, keeping no file and no row', async () => {
    const listBefore = await request(server)
      .get(`${base()}/materials`)
      .set('Authorization', teacher);
    const filesBefore = await listFiles(materialsDir);
    const res = await request(server)
      .post(`${base()}/materials?filename=big.bin`)
      .set('Authorization', teacher)
      .set('Content-Type', 'application/octet-stream')
      .send(Buffer.alloc(MAX_BYTES + 1, 1));
    expect(res.status).toBe(413);
    expect(res.body.error.message).toMatch(/larger than the limit of 64 bytes/);
    expect(await listFiles(materialsDir)).toEqual(filesBefore);
    const listAfter = await request(server)
      .get(`${base()}/materials`)
      .set('Authorization', teacher);
    expect(listAfter.body.items).toEqual(listBefore.body.items);
  });

  it('answers 413 when a chunked upload without Content-Length runs over, keeping no file and no row', async () => {
    const filesBefore = await listFiles(materialsDir);
    const listBefore = await request(server)
      .get(`${base()}/materials`)
      .set('Authorization', teacher);
    const { port } = server.address() as { port: number };
    const status = await new Promise<{ status: number; body: string }>(
      (resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: `${base()}/materials?filename=stream.bin`,
            headers: {
              Authorization: teacher,
              'Content-Type': 'application/octet-stream',
              'Transfer-Encoding': 'chunked',
            },
          },
          res => {
            let body = '';
            res.on('data', chunk => (body += chunk));
            res.on('end', () => resolve({ status: res.statusCode!, body }));
          },
        );
        req.on('error', reject);
        req.write(Buffer.alloc(40, 1));
        setTimeout(() => {
          req.write(Buffer.alloc(40, 2));
          req.end();
        }, 50);
      },
    );
    expect(status.status).toBe(413);
    expect(JSON.parse(status.body).error.name).toBe('PayloadTooLargeError');
    // give the server a moment to remove the partial file
    await new Promise(r => setTimeout(r, 50));
    expect(await listFiles(materialsDir)).toEqual(filesBefore);
    const listAfter = await request(server)
      .get(`${base()}/materials`)
      .set('Authorization', teacher);
    expect(listAfter.body.items).toEqual(listBefore.body.items);
  });

  it('accepts an upload of exactly maxBytes', async () => {
    const res = await request(server)
      .post(`${base()}/materials?filename=exact.bin`)
      .set('Authorization', teacher)
      .set('Content-Type', 'application/octet-stream')
      .send(Buffer.alloc(MAX_BYTES, 3));
    expect(res.status).toBe(201);
    expect(res.body.size).toBe(MAX_BYTES);
    const missingName = await request(server)
      .post(`${base()}/materials`)
      .set('Authorization', teacher)
      .send('x');
    expect(missingName.status).toBe(400);
  });
});

describe('demo seed', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'creates CS101 once across restarts, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'courses-seed-'));
      const config = {
        labstage: { demo: { seed: true } },
        courses: {
          defaultTimeZone: 'Europe/Berlin',
          materials: {
            storage: { type: 'filesystem', filesystem: { directory: dir } },
          },
        },
      };
      try {
        for (let start = 1; start <= 2; start++) {
          const backend = await startCoursesBackend({ config, knex });
          const mine = await request(backend.server)
            .get('/api/courses/courses')
            .set('Authorization', userHeader('alice'));
          expect(mine.body.items).toHaveLength(1);
          const course = mine.body.items[0];
          expect(course).toMatchObject({
            title: 'Introduction to Linux',
            code: 'CS101',
            term: 'Spring 2027',
            timeZone: 'Europe/Berlin',
            myRole: 'student',
          });
          const asTeacher = await request(backend.server)
            .get(`/api/courses/courses/${course.id}`)
            .set('Authorization', userHeader('teacher'));
          expect(asTeacher.body.joinCode).toBe('CS101-DEMO');
          const c = `/api/courses/courses/${course.id}`;
          const announcements = await request(backend.server)
            .get(`${c}/posts?board=announcements`)
            .set('Authorization', userHeader('bob'));
          expect(announcements.body.total).toBe(2);
          const qa = await request(backend.server)
            .get(`${c}/posts?board=qa`)
            .set('Authorization', userHeader('bob'));
          expect(qa.body.items).toHaveLength(1);
          expect(qa.body.items[0]).toMatchObject({
            authorUsername: 'alice',
            commentCount: 1,
          });
          const materials = await request(backend.server)
            .get(`${c}/materials`)
            .set('Authorization', userHeader('bob'));
          expect(materials.body.items).toHaveLength(1);
          const content = await request(backend.server)
            .get(`${c}/materials/${materials.body.items[0].id}/content`)
            .set('Authorization', userHeader('bob'));
          expect(content.text).toMatch(/CS101 Introduction to Linux/);
          const roster = await request(backend.server)
            .get(`${c}/roster`)
            .set('Authorization', userHeader('teacher'));
          expect(
            roster.body.items.map((e: any) => `${e.username}:${e.role}`),
          ).toEqual(['teacher:instructor', 'alice:student', 'bob:student']);
          expect(await fs.readdir(dir)).toHaveLength(1);
          await backend.stop();
        }
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    },
  );
});
