import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  fixtureSender,
  matrixSender,
  MatrixRoute,
  routesWithoutMatrixRows,
  runAuthorizationMatrix,
} from '@internal/backstage-plugin-labstage-node/testUtils';
import { createRouter } from './router';
import {
  serviceHeader,
  startCoursesBackend,
  userHeader,
} from '../__testUtils__/testBackend';

/**
 * Every courses route × every kind of caller → expected HTTP status, against
 * the real courses-backend, the real permission backend and the real
 * Labstage policy module. Accounts come from a fixed in-memory directory
 * standing in for the accounts module.
 */

const actors = [
  'anonymous',
  'enrolled student',
  'other student',
  'owning instructor',
  'other instructor',
  'admin',
  'auth service',
  'catalog service',
] as const;
type Actor = (typeof actors)[number];

const authHeaderOf: Record<Actor, string | undefined> = {
  anonymous: undefined,
  'enrolled student': userHeader('alice'),
  'other student': userHeader('bob'),
  'owning instructor': userHeader('teacher'),
  'other instructor': userHeader('tina'),
  admin: userHeader('root'),
  'auth service': serviceHeader('auth'),
  'catalog service': serviceHeader('catalog'),
};

/** Per-case data: a course taught by teacher with alice enrolled. */
type Fixture = {
  courseId: string;
  joinCode: string;
  alicePostId: string;
  teacherPostId: string;
  aliceCommentId: string;
  teacherCommentId: string;
  materialId: string;
};

type Route = MatrixRoute<Fixture> & {
  /** Statuses in the order of `actors`. */
  expected: [number, number, number, number, number, number, number, number];
};

//                        anon stud other inst oinst admin authS catS
const userRead = [401, 200, 403, 200, 403, 200, 403, 403] as Route['expected'];
const instructorOnly = (ok: number) =>
  [401, 403, 403, ok, 403, ok, 403, 403] as Route['expected'];
const memberWrite = (ok: number) =>
  [401, ok, 403, ok, 403, ok, 403, 403] as Route['expected'];

const c = (f: Fixture) => `/api/courses/courses/${f.courseId}`;

const routes: Route[] = [
  // courses
  {
    name: 'list my courses',
    method: 'get',
    path: () => '/api/courses/courses?scope=mine',
    expected: [401, 200, 200, 200, 200, 200, 403, 403],
  },
  {
    name: 'list all courses',
    method: 'get',
    path: () => '/api/courses/courses?scope=all',
    expected: [401, 403, 403, 200, 200, 200, 403, 403],
  },
  {
    name: 'create course',
    method: 'post',
    path: () => '/api/courses/courses',
    body: () => ({ title: 'New', code: 'NEW1' }),
    expected: [401, 403, 403, 201, 201, 201, 403, 403],
  },
  { name: 'read course', method: 'get', path: c, expected: userRead },
  {
    name: 'update course',
    method: 'patch',
    path: c,
    body: () => ({ title: 'Renamed' }),
    expected: instructorOnly(200),
  },
  {
    name: 'regenerate join code',
    method: 'post',
    path: f => `${c(f)}/join-code`,
    body: () => ({ action: 'regenerate' }),
    expected: instructorOnly(200),
  },
  {
    name: 'disable join code',
    method: 'post',
    path: f => `${c(f)}/join-code`,
    body: () => ({ action: 'disable' }),
    expected: instructorOnly(200),
  },
  // enrolment
  {
    name: 'join with code',
    method: 'post',
    path: () => '/api/courses/join',
    body: f => ({ code: f.joinCode }),
    expected: [401, 200, 201, 200, 201, 201, 403, 403],
  },
  {
    name: 'leave course',
    method: 'delete',
    path: f => `${c(f)}/enrolment`,
    expected: [401, 204, 403, 409, 403, 404, 403, 403],
  },
  // roster
  {
    name: 'read roster',
    method: 'get',
    path: f => `${c(f)}/roster`,
    expected: instructorOnly(200),
  },
  {
    name: 'remove student',
    method: 'delete',
    path: f => `${c(f)}/roster/alice`,
    expected: instructorOnly(204),
  },
  {
    name: 'remove last instructor',
    method: 'delete',
    path: f => `${c(f)}/roster/teacher`,
    expected: instructorOnly(409),
  },
  {
    name: 'add instructor',
    method: 'post',
    path: f => `${c(f)}/instructors`,
    body: () => ({ username: 'bob' }),
    expected: instructorOnly(200),
  },
  // posts
  {
    name: 'list Q&A posts',
    method: 'get',
    path: f => `${c(f)}/posts?board=qa`,
    expected: userRead,
  },
  {
    name: 'list announcements',
    method: 'get',
    path: f => `${c(f)}/posts?board=announcements&page=1&pageSize=5`,
    expected: userRead,
  },
  {
    name: 'create announcement',
    method: 'post',
    path: f => `${c(f)}/posts`,
    body: () => ({ board: 'announcements', title: 'T', body: 'B' }),
    expected: instructorOnly(201),
  },
  {
    name: 'create Q&A post',
    method: 'post',
    path: f => `${c(f)}/posts`,
    body: () => ({ board: 'qa', title: 'T', body: 'B' }),
    expected: memberWrite(201),
  },
  {
    name: "edit student's post",
    method: 'patch',
    path: f => `${c(f)}/posts/${f.alicePostId}`,
    body: () => ({ title: 'Edited' }),
    expected: memberWrite(200),
  },
  {
    name: "pin student's post",
    method: 'patch',
    path: f => `${c(f)}/posts/${f.alicePostId}`,
    body: () => ({ pinned: true }),
    expected: instructorOnly(200),
  },
  {
    name: 'edit announcement',
    method: 'patch',
    path: f => `${c(f)}/posts/${f.teacherPostId}`,
    body: () => ({ body: 'Edited' }),
    expected: instructorOnly(200),
  },
  {
    name: 'lock announcement',
    method: 'patch',
    path: f => `${c(f)}/posts/${f.teacherPostId}`,
    body: () => ({ locked: true }),
    expected: instructorOnly(200),
  },
  {
    name: "delete student's post",
    method: 'delete',
    path: f => `${c(f)}/posts/${f.alicePostId}`,
    expected: memberWrite(204),
  },
  {
    name: 'delete announcement',
    method: 'delete',
    path: f => `${c(f)}/posts/${f.teacherPostId}`,
    expected: instructorOnly(204),
  },
  // comments
  {
    name: 'list comments',
    method: 'get',
    path: f => `${c(f)}/posts/${f.alicePostId}/comments`,
    expected: userRead,
  },
  {
    name: 'create comment',
    method: 'post',
    path: f => `${c(f)}/posts/${f.alicePostId}/comments`,
    body: () => ({ body: 'Reply' }),
    expected: memberWrite(201),
  },
  {
    name: "edit student's comment",
    method: 'patch',
    path: f => `${c(f)}/posts/${f.alicePostId}/comments/${f.aliceCommentId}`,
    body: () => ({ body: 'Edited' }),
    expected: memberWrite(200),
  },
  {
    name: "edit instructor's comment",
    method: 'patch',
    path: f => `${c(f)}/posts/${f.alicePostId}/comments/${f.teacherCommentId}`,
    body: () => ({ body: 'Edited' }),
    expected: instructorOnly(200),
  },
  {
    name: "delete student's comment",
    method: 'delete',
    path: f => `${c(f)}/posts/${f.alicePostId}/comments/${f.aliceCommentId}`,
    expected: memberWrite(204),
  },
  {
    name: "delete instructor's comment",
    method: 'delete',
    path: f => `${c(f)}/posts/${f.alicePostId}/comments/${f.teacherCommentId}`,
    expected: instructorOnly(204),
  },
  // materials
  {
    name: 'list materials',
    method: 'get',
    path: f => `${c(f)}/materials`,
    expected: userRead,
  },
  {
    name: 'upload material',
    method: 'post',
    path: f => `${c(f)}/materials?filename=notes.txt`,
    raw: 'some notes',
    expected: instructorOnly(201),
  },
  {
    name: 'download material',
    method: 'get',
    path: f => `${c(f)}/materials/${f.materialId}/content`,
    expected: userRead,
  },
  {
    name: 'delete material',
    method: 'delete',
    path: f => `${c(f)}/materials/${f.materialId}`,
    expected: instructorOnly(204),
  },
  // home widget
  {
    name: 'recent announcements',
    method: 'get',
    path: () => '/api/courses/announcements/recent',
    expected: [401, 200, 200, 200, 200, 200, 403, 403],
  },
  // internal
  {
    name: 'internal: check join code',
    method: 'get',
    path: f =>
      `/api/courses/internal/join-codes/${encodeURIComponent(f.joinCode)}`,
    expected: [401, 403, 403, 403, 403, 403, 200, 403],
  },
  {
    name: 'internal: enrol at sign-up',
    method: 'post',
    path: () => '/api/courses/internal/enrolments',
    body: f => ({ code: f.joinCode, username: 'carol' }),
    expected: [401, 403, 403, 403, 403, 403, 201, 403],
  },
  {
    name: 'internal: memberships',
    method: 'get',
    path: () => '/api/courses/internal/memberships',
    expected: [401, 403, 403, 403, 403, 403, 200, 200],
  },
  {
    name: "internal: memberships of one user's courses",
    method: 'get',
    path: () => '/api/courses/internal/memberships?member=alice',
    expected: [401, 403, 403, 403, 403, 403, 200, 200],
  },
  {
    name: 'internal: memberships of named courses',
    method: 'get',
    path: f => `/api/courses/internal/memberships?courseId=${f.courseId}`,
    expected: [401, 403, 403, 403, 403, 403, 200, 200],
  },
  {
    name: 'internal: memberships, malformed course id',
    method: 'get',
    path: () => '/api/courses/internal/memberships?courseId=%00',
    expected: [401, 403, 403, 403, 403, 403, 400, 400],
  },
  {
    name: 'internal: footprint for account deletion',
    method: 'get',
    path: () => '/api/courses/internal/users/alice/footprint',
    expected: [401, 403, 403, 403, 403, 403, 200, 403],
  },
  {
    name: 'internal: remove a deleted account',
    method: 'delete',
    path: () => '/api/courses/internal/users/alice',
    expected: [401, 403, 403, 403, 403, 403, 200, 403],
  },
];

describe('courses authorization matrix', () => {
  jest.setTimeout(300_000);

  it('gives every caller the expected status on every route (real permission backend + Labstage policy, fixed in-memory directory standing in for the accounts module)', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'courses-matrix-'));
    const { server } = await startCoursesBackend({
      config: {
        courses: {
          materials: {
            storage: { type: 'filesystem', filesystem: { directory: dir } },
          },
        },
      },
    });

    const send = matrixSender(server, 'text/plain');
    const ok = fixtureSender(send);

    // tina teaches a course of her own.
    await ok(201, 'post', '/api/courses/courses', userHeader('tina'), {
      title: 'Other course',
      code: 'OTH1',
    });

    const makeFixture = async (): Promise<Fixture> => {
      const teacher = userHeader('teacher');
      const alice = userHeader('alice');
      const course = await ok(201, 'post', '/api/courses/courses', teacher, {
        title: 'Intro',
        code: 'CS1',
      });
      await ok(201, 'post', '/api/courses/join', alice, {
        code: course.joinCode,
      });
      const base = `/api/courses/courses/${course.id}`;
      const alicePost = await ok(201, 'post', `${base}/posts`, alice, {
        board: 'qa',
        title: 'Q',
        body: 'question',
      });
      const teacherPost = await ok(201, 'post', `${base}/posts`, teacher, {
        board: 'announcements',
        title: 'A',
        body: 'announcement',
      });
      const aliceComment = await ok(
        201,
        'post',
        `${base}/posts/${alicePost.id}/comments`,
        alice,
        { body: 'more detail' },
      );
      const teacherComment = await ok(
        201,
        'post',
        `${base}/posts/${alicePost.id}/comments`,
        teacher,
        { body: 'answer' },
      );
      const material = await ok(
        201,
        'post',
        `${base}/materials?filename=syllabus.txt`,
        teacher,
        undefined,
        'syllabus',
      );
      return {
        courseId: course.id,
        joinCode: course.joinCode,
        alicePostId: alicePost.id,
        teacherPostId: teacherPost.id,
        aliceCommentId: aliceComment.id,
        teacherCommentId: teacherComment.id,
        materialId: material.id,
      };
    };

    const { cases, unexpected } = await runAuthorizationMatrix({
      label: 'courses authorization matrix',
      routes,
      actors,
      authHeaderOf,
      makeFixture,
      send,
    });

    await fs.rm(dir, { recursive: true, force: true });
    expect(cases).toBe(routes.length * actors.length);
    expect(unexpected).toEqual([]);
  });

  it('has a row for every route the router registers', async () => {
    const placeholders: Fixture = {
      courseId: 'course',
      joinCode: 'code',
      alicePostId: 'post-a',
      teacherPostId: 'post-t',
      aliceCommentId: 'comment-a',
      teacherCommentId: 'comment-t',
      materialId: 'material',
    };
    expect(
      await routesWithoutMatrixRows({
        createRouter,
        mountPath: '/api/courses',
        routes,
        placeholders,
      }),
    ).toEqual([]);
  });
});
