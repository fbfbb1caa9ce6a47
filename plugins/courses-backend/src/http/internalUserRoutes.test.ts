import { mockCredentials } from '@backstage/backend-test-utils';
import {
  DELETED_AUTHOR,
  DELETED_AUTHOR_DISPLAY_NAME,
} from '@internal/backstage-plugin-accounts-common';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  coursesDirectoryProbe,
  serviceHeader,
  startCoursesBackend,
  userHeader,
} from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const zeros = { enrolments: 0, posts: 0, comments: 0, soleInstructorOf: [] };

describe('account deletion: internal user routes', () => {
  let root: string;
  let server: http.Server;
  let courseId: string;
  let joinCode: string;
  let postId: string;
  let commentId: string;
  const auth = serviceHeader('auth');
  const teacher = userHeader('teacher');
  const alice = userHeader('alice');
  const footprintOf = (username: string) =>
    `/api/courses/internal/users/${encodeURIComponent(username)}/footprint`;
  const userUrl = (username: string) =>
    `/api/courses/internal/users/${encodeURIComponent(username)}`;
  const base = () => `/api/courses/courses/${courseId}`;
  const directoryProbe = coursesDirectoryProbe();

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'courses-deletion-'));
    const backend = await startCoursesBackend({
      config: {
        courses: {
          materials: {
            storage: { type: 'filesystem', filesystem: { directory: root } },
          },
        },
      },
      extraFeatures: [directoryProbe.feature],
    });
    server = backend.server as unknown as http.Server;
    const course = await request(server)
      .post('/api/courses/courses')
      .set('Authorization', teacher)
      .send({ title: 'Intro to Linux', code: 'CS101' })
      .expect(201);
    courseId = course.body.id;
    joinCode = course.body.joinCode;
    await request(server)
      .post('/api/courses/join')
      .set('Authorization', alice)
      .send({ code: joinCode })
      .expect(201);
    const post = await request(server)
      .post(`${base()}/posts`)
      .set('Authorization', alice)
      .send({ board: 'qa', title: 'Help', body: 'How?' })
      .expect(201);
    postId = post.body.id;
    const comment = await request(server)
      .post(`${base()}/posts/${postId}/comments`)
      .set('Authorization', alice)
      .send({ body: 'More detail' })
      .expect(201);
    commentId = comment.body.id;
    await request(server)
      .post(`${base()}/posts/${postId}/comments`)
      .set('Authorization', teacher)
      .send({ body: 'Answer' })
      .expect(201);
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await fs.rm(root, { recursive: true, force: true });
  });

  describe.each([
    ['GET footprint', 'get', () => footprintOf('alice')],
    ['DELETE user', 'delete', () => userUrl('alice')],
  ] as const)('%s', (_name, method, url) => {
    it.each([
      ['anonymous', undefined, 401],
      ['a student', alice, 403],
      ['an admin', userHeader('root'), 403],
      ['another plugin', serviceHeader('catalog'), 403],
    ])('refuses %s', async (_who, header, status) => {
      let req = request(server)[method](url());
      if (header) req = req.set('Authorization', header);
      const res = await req;
      expect(res.status).toBe(status);
      expect(res.body.error.name).toBe(
        status === 401 ? 'AuthenticationError' : 'NotAllowedError',
      );
    });

    it.each(['Not Valid', DELETED_AUTHOR, 'ab', 'ALICE', 'a'.repeat(33)])(
      'answers 400 for the username %p',
      async username => {
        const target =
          method === 'get' ? footprintOf(username) : userUrl(username);
        const res = await request(server)
          [method](target)
          .set('Authorization', auth);
        expect(res.status).toBe(400);
        expect(res.body.error).toMatchObject({
          name: 'InputError',
          message: 'Username is not valid',
        });
      },
    );
  });

  it('reports zeros for a user it has never seen', async () => {
    const res = await request(server)
      .get(footprintOf('nobody'))
      .set('Authorization', auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(zeros);
  });

  it('refuses with 409 while the user alone teaches a live course, changing nothing', async () => {
    const sole = [{ courseId, code: 'CS101', title: 'Intro to Linux' }];
    const before = await request(server)
      .get(footprintOf('teacher'))
      .set('Authorization', auth);
    expect(before.body).toEqual({
      enrolments: 1,
      posts: 0,
      comments: 1,
      soleInstructorOf: sole,
    });
    const res = await request(server)
      .delete(userUrl('teacher'))
      .set('Authorization', auth);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      name: 'ConflictError',
      message:
        'teacher is the only instructor of CS101 (Intro to Linux); add another instructor or archive the course first',
    });
    const after = await request(server)
      .get(footprintOf('teacher'))
      .set('Authorization', auth);
    expect(after.body).toEqual(before.body);
  });

  it('removes enrolments, keeps writing as "deleted user", and is idempotent', async () => {
    const footprint = { enrolments: 1, posts: 1, comments: 1 };
    const preview = await request(server)
      .get(footprintOf('alice'))
      .set('Authorization', auth);
    expect(preview.body).toEqual({ ...footprint, soleInstructorOf: [] });

    const first = await request(server)
      .delete(userUrl('alice'))
      .set('Authorization', auth);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ ...footprint, soleInstructorOf: [] });
    const again = await request(server)
      .delete(userUrl('alice'))
      .set('Authorization', auth);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(zeros);

    const lookups = jest.spyOn(directoryProbe.directory(), 'getUser');
    const posts = await request(server)
      .get(`${base()}/posts?board=qa`)
      .set('Authorization', teacher)
      .expect(200);
    expect(posts.body.items[0]).toMatchObject({
      id: postId,
      title: 'Help',
      authorUsername: DELETED_AUTHOR,
      authorDisplayName: DELETED_AUTHOR_DISPLAY_NAME,
    });
    const comments = await request(server)
      .get(`${base()}/posts/${postId}/comments`)
      .set('Authorization', teacher)
      .expect(200);
    expect(
      comments.body.items.map((c: any) => [c.body, c.authorDisplayName]),
    ).toEqual([
      ['More detail', DELETED_AUTHOR_DISPLAY_NAME],
      ['Answer', 'Tea Cher'],
    ]);
    // The spy sees the plugin's lookups (the teacher's name was looked up).
    expect(lookups).toHaveBeenCalledWith('teacher');
    expect(lookups).not.toHaveBeenCalledWith(DELETED_AUTHOR);
    lookups.mockRestore();
  });

  it('gives a later account with the same name none of the old posts', async () => {
    // Runs after the deletion above; "alice" now stands for a new account.
    const mine = await request(server)
      .get('/api/courses/courses?scope=mine')
      .set('Authorization', alice)
      .expect(200);
    expect(mine.body.items).toEqual([]);
    await request(server)
      .get(`${base()}/posts?board=qa`)
      .set('Authorization', alice)
      .expect(403);

    // Even back in the same course, the old writing is not hers.
    await request(server)
      .post('/api/courses/join')
      .set('Authorization', alice)
      .send({ code: joinCode })
      .expect(201);
    const posts = await request(server)
      .get(`${base()}/posts?board=qa`)
      .set('Authorization', alice)
      .expect(200);
    expect(posts.body.items[0]).toMatchObject({
      id: postId,
      authorUsername: DELETED_AUTHOR,
      canEdit: false,
    });
    const comments = await request(server)
      .get(`${base()}/posts/${postId}/comments`)
      .set('Authorization', alice)
      .expect(200);
    expect(comments.body.items[0]).toMatchObject({
      id: commentId,
      canEdit: false,
    });
    const post = `${base()}/posts/${postId}`;
    const comment = `${post}/comments/${commentId}`;
    for (const res of [
      await request(server)
        .patch(post)
        .set('Authorization', alice)
        .send({ body: 'mine now' }),
      await request(server).delete(post).set('Authorization', alice),
      await request(server)
        .patch(comment)
        .set('Authorization', alice)
        .send({ body: 'mine now' }),
      await request(server).delete(comment).set('Authorization', alice),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/Only the author or a moderator/);
    }
    const footprint = await request(server)
      .get(footprintOf('alice'))
      .set('Authorization', auth);
    expect(footprint.body).toEqual({ ...zeros, enrolments: 1 });

    // Moderators still look after it.
    await request(server)
      .patch(comment)
      .set('Authorization', teacher)
      .send({ body: '[removed]' })
      .expect(200);
    await request(server)
      .delete(post)
      .set('Authorization', teacher)
      .expect(204);
  });

  it('never treats a token named after the deleted author as an account', async () => {
    const res = await request(server)
      .post('/api/courses/join')
      .set(
        'Authorization',
        mockCredentials.user.header(`user:default/${DELETED_AUTHOR}`),
      )
      .send({ code: joinCode });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'Only Labstage accounts can take part in courses',
    );
  });
});
