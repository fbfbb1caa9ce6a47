import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The real scaffolder, desktops and courses plugins side by side, as the
// backend runs them: this test runs templates through all three.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { testAccount } from '@internal/backstage-plugin-accounts-node/testUtils';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import coursesPlugin from '@internal/backstage-plugin-courses-backend';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import desktopsPlugin from '@internal/backstage-plugin-desktops-backend';
import {
  idleRuntime,
  runtimeModule,
} from '@internal/backstage-plugin-desktops-node/testUtils';
import {
  startPluginTestBackend,
  userHeader,
  webSocketTolerantHttpRouterFactory,
} from '@internal/backstage-plugin-labstage-node/testUtils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { scaffolderModuleLabstage } from './module';

/*
 * Templates run by the real scaffolder backend, its labstage:* actions
 * calling the real desktops and courses plugins behind the real permission
 * backend and Labstage policy, each call on behalf of the user who started
 * the run. No container runs: desktops are records whose runtime refuses to
 * start them, which is all a dry run of a save needs to read.
 */

jest.setTimeout(120_000);

function readTemplate(name: string): Entity {
  return parse(
    fs.readFileSync(
      path.resolve(__dirname, `../../../templates/${name}/template.yaml`),
      'utf8',
    ),
  ) as Entity;
}

const template = readTemplate('publish-desktop-environment');

type Backend = Awaited<ReturnType<typeof startPluginTestBackend>>;
let backend: Backend;
let materialsDir: string;

function as(user: string) {
  const api = request(backend.server);
  return {
    get: (url: string) =>
      api.get(`/api/${url}`).set('Authorization', userHeader(user)),
    post: (url: string, body: object) =>
      api.post(`/api/${url}`).set('Authorization', userHeader(user)).send(body),
  };
}

async function createCourse(user: string): Promise<string> {
  return (await createCourseWithCode(user)).id;
}

async function createCourseWithCode(
  user: string,
): Promise<{ id: string; joinCode: string }> {
  const res = await as(user).post('courses/courses', {
    title: 'Intro to Linux',
    code: 'CS101',
  });
  expect(res.status).toBe(201);
  return res.body;
}

async function createDesktop(user: string): Promise<string> {
  const res = await as(user).post('desktops/desktops', {
    imageId: 'linux-desktop',
    name: `${user}'s lab`,
  });
  expect(res.status).toBe(202);
  return res.body.id;
}

function dryRun(user: string, values: object, entity: Entity = template) {
  return as(user).post('scaffolder/v2/dry-run', {
    template: entity,
    values,
    directoryContents: [],
  });
}

/** The dry run's log lines, without the task logger's colour and level. */
function logOf(body: { log?: Array<{ body: { message: string } }> }) {
  return (body.log ?? []).map(l =>
    l.body.message
      // eslint-disable-next-line no-control-regex
      .replace(/\u001b\[\d+m/g, '')
      .replace(/^(info|warn): /, ''),
  );
}

beforeAll(async () => {
  materialsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'template-run-'));
  backend = await startPluginTestBackend({
    features: [
      webSocketTolerantHttpRouterFactory(),
      desktopsPlugin,
      runtimeModule(idleRuntime),
      coursesPlugin,
      scaffolderPlugin,
      scaffolderModuleLabstage,
      catalogServiceMock.factory({
        entities: [
          {
            ...template,
            metadata: { ...template.metadata, namespace: 'default' },
          },
        ],
      }),
    ],
    accounts: [
      testAccount('teacher', 'instructor'),
      testAccount('tina', 'instructor'),
      testAccount('alice', 'student'),
    ],
    config: {
      courses: {
        materials: {
          storage: {
            type: 'filesystem',
            filesystem: { directory: materialsDir },
          },
        },
      },
    },
  });
});

afterAll(async () => {
  await backend?.stop();
  fs.rmSync(materialsDir, { recursive: true, force: true });
});

describe('"Publish my desktop as a course environment" run by the real scaffolder', () => {
  it('dry-runs as the instructor: reads the desktop and the course as them, and changes nothing', async () => {
    const courseId = await createCourse('teacher');
    const desktopId = await createDesktop('teacher');

    const res = await dryRun('teacher', {
      desktopId,
      imageName: 'python-lab',
      courseId,
      description: 'First version',
    });

    expect(res.status).toBe(200);
    const log = logOf(res.body);
    expect(log).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^Dry run: would save desktop ${desktopId} \\("teacher's lab", \\w+\\) as image "python-lab", the next version; nothing was saved$`,
        ),
      ),
    );
    expect(log).toContain(
      `Dry run: would publish the image saved by an earlier step (not saved in this dry run) as environment version 1 of course ${courseId} (no environment yet); nothing was published`,
    );
    expect(res.body.output.links).toEqual([
      { title: 'Open the course', url: `/courses/${courseId}` },
    ]);

    const images = await as('teacher').get('desktops/saved-images');
    expect(images.body.items).toEqual([]);
    expect(images.body.saves).toEqual([]);
    const versions = await as('teacher').get(
      `desktops/courses/${courseId}/environment/versions`,
    );
    expect(versions.body.items).toEqual([]);
  });

  it("fails another instructor's dry run with Labstage's own refusals: not their desktop, not their course", async () => {
    const courseId = await createCourse('teacher');
    const teachersDesktop = await createDesktop('teacher');
    const tinasDesktop = await createDesktop('tina');

    const notHerDesktop = await dryRun('tina', {
      desktopId: teachersDesktop,
      imageName: 'python-lab',
      courseId,
    });
    expect(notHerDesktop.status).toBeGreaterThanOrEqual(400);
    expect(notHerDesktop.body.error.message).toMatch(
      new RegExp(
        `^GET /api/desktops/desktops/${teachersDesktop} failed with 40[34] `,
      ),
    );

    const notHerCourse = await dryRun('tina', {
      desktopId: tinasDesktop,
      imageName: 'python-lab',
      courseId,
    });
    expect(notHerCourse.status).toBeGreaterThanOrEqual(400);
    expect(notHerCourse.body.error.message).toBe(
      `GET /api/desktops/courses/${courseId}/environment/versions failed with 403 Forbidden: Only the course's instructors can see every environment version`,
    );
  });

  it('is not available to students at all (the scaffolder itself refuses them)', async () => {
    const courseId = await createCourse('teacher');
    const res = await dryRun('alice', {
      desktopId: 'abcdefabcdef',
      imageName: 'python-lab',
      courseId,
    });
    expect(res.status).toBe(403);
  });

  it('runs as a real task whose failing save ends the task with the plugin message in the task log', async () => {
    const courseId = await createCourse('teacher');
    const desktopId = await createDesktop('teacher');

    const created = await as('teacher').post('scaffolder/v2/tasks', {
      templateRef: 'template:default/publish-desktop-environment',
      values: { desktopId, imageName: 'python-lab', courseId },
    });
    expect(created.status).toBe(201);
    const taskId = created.body.id;

    let status = '';
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const task = await as('teacher').get(`scaffolder/v2/tasks/${taskId}`);
      status = task.body.status;
      if (['completed', 'failed', 'cancelled'].includes(status)) {
        break;
      }
      await new Promise(resolve => setTimeout(resolve, 200));
    }
    expect(status).toBe('failed');

    const events = await as('teacher').get(
      `scaffolder/v2/tasks/${taskId}/events`,
    );
    const messages = (events.body as Array<{ body: { message?: string } }>).map(
      e => e.body.message ?? '',
    );
    // The desktops plugin saw the teacher, who may save their desktop, and
    // refused for its own reason: this test backend has no registry.
    expect(messages.join('\n')).toContain(
      `POST /api/desktops/desktops/${desktopId}/image failed with 503 Service Unavailable: No image registry is configured (desktops.registry), so images cannot be saved`,
    );
    const versions = await as('teacher').get(
      `desktops/courses/${courseId}/environment/versions`,
    );
    expect(versions.body.items).toEqual([]);
  });
});

describe('the other templates, dry-run by the real scaffolder', () => {
  it('"Give every student a copy of a desktop" names the students it would copy the desktop for', async () => {
    const course = await createCourseWithCode('teacher');
    const joined = await as('alice').post('courses/join', {
      code: course.joinCode,
    });
    expect(joined.status).toBeLessThan(300);
    const desktopId = await createDesktop('teacher');

    const res = await dryRun(
      'teacher',
      { desktopId, courseId: course.id },
      readTemplate('clone-desktop-for-students'),
    );

    expect(res.status).toBe(200);
    expect(logOf(res.body)).toContain(
      `Dry run: would create a stopped desktop from the image saved by an earlier step (not saved in this dry run) for the 1 student(s) of course ${course.id} (no environment yet): alice; nothing was created`,
    );
    const copies = await as('alice').get('desktops/desktops');
    expect(copies.body.items).toEqual([]);
  });

  it('"Create a course with an environment" creates no course, and checks the image as the user', async () => {
    const imageId = '6f1c2b9e-3d4a-4c5b-9e8f-0a1b2c3d4e5f';
    const before = await as('teacher').get('courses/courses');

    const res = await dryRun(
      'teacher',
      { title: 'Networks', code: 'CS202', imageId },
      readTemplate('create-course-with-environment'),
    );

    // The teacher has no saved image with that id: the real run would fail
    // at publishing, and so does the dry run, with the plugin's message.
    expect(res.body.error.message).toBe(
      `GET /api/desktops/saved-images/${imageId} failed with 404 Not Found: No such image`,
    );
    const after = await as('teacher').get('courses/courses');
    expect(after.body.items).toHaveLength(before.body.items.length);
  });
});
