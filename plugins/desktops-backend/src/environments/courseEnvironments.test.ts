import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import request from 'supertest';
// The real courses plugin decides who teaches and who is enrolled; a test
// may run two plugins side by side, as the backend does.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import coursesPlugin from '@internal/backstage-plugin-courses-backend';
import { startDesktopsBackend, userHeader } from '../__testUtils__/testBackend';
import {
  dockerTestRuntime,
  execInDesktop,
} from '../__testUtils__/dockerTestRuntime';
import { testRegistryOptions } from '../__testUtils__/testRegistry';
import { waitFor } from '@internal/backstage-plugin-desktops-node/testUtils';
import { DockerDesktopRuntime } from '../runtime/DockerDesktopRuntime';
import { containerName, LABEL_DEPLOYMENT } from '../runtime/dockerNaming';

/**
 * The course environment story end to end through the REST API, on real
 * Docker, the real registry and the real courses plugin (which decides who
 * teaches and who is enrolled): an instructor saves a desktop and publishes
 * it; three students each launch their own copy with the instructor's files;
 * copies add nothing to the registry; a second version reaches a student
 * through "update" with their home kept.
 */

jest.setTimeout(900_000);

const docker = new Docker();
const deploymentId = `env-${randomBytes(4).toString('hex')}`;
const registryOptions = testRegistryOptions();
const registryHost = new URL(registryOptions.url).host;
let runtime: DockerDesktopRuntime;
let runDir: string;
let materialsDir: string;
let backend: Awaited<ReturnType<typeof startDesktopsBackend>>;
const pushedRefs: string[] = [];

/** A desktop's command output, trimmed. */
const sh = async (desktopId: string, script: string, user?: string) =>
  (await execInDesktop(desktopId, script, user)).trim();

function api() {
  return request(backend.server);
}

async function as(
  user: string,
  method: 'get' | 'post' | 'delete',
  path: string,
  body?: object,
) {
  const call = api()
    [method](`/api/${path}`)
    .set('authorization', userHeader(user));
  return body ? call.send(body) : call;
}

async function untilState(user: string, id: string, state: string) {
  return waitFor(
    `desktop ${id} to be ${state}`,
    async () => {
      const res = await as(user, 'get', `desktops/desktops/${id}`);
      if (res.body.state === 'error') {
        throw new Error(`desktop ${id} failed: ${res.body.stateReason}`);
      }
      return res.body.state === state ? res.body : undefined;
    },
    120_000,
  );
}

async function saveAs(user: string, desktopId: string, name: string) {
  const started = await as(
    user,
    'post',
    `desktops/desktops/${desktopId}/image`,
    {
      name,
    },
  );
  expect(started.status).toBe(202);
  const save = await waitFor(
    'the save to finish',
    async () => {
      const res = await as(
        user,
        'get',
        `desktops/image-saves/${started.body.save.id}`,
      );
      return res.body.save.state === 'saving' ? undefined : res.body.save;
    },
    600_000,
  );
  expect(save.error).toBeNull();
  expect(save.state).toBe('succeeded');
  pushedRefs.push(save.image.ref);
  return save.image;
}

/** Every blob digest that any manifest in the registry references. */
async function registryBlobs(): Promise<Set<string>> {
  const auth = `Basic ${Buffer.from(
    `${registryOptions.username}:${registryOptions.password}`,
  ).toString('base64')}`;
  const get = async (path: string, accept?: string) => {
    const res = await fetch(`${registryOptions.url}/v2/${path}`, {
      headers: { authorization: auth, ...(accept ? { accept } : {}) },
    });
    return res.ok ? res.json() : undefined;
  };
  const blobs = new Set<string>();
  const repositories: string[] = [];
  for (let last = ''; ; ) {
    const page = await get(`_catalog?n=1000${last ? `&last=${last}` : ''}`);
    const names = (page?.repositories ?? []) as string[];
    repositories.push(...names);
    if (names.length < 1000) break;
    last = names[names.length - 1];
  }
  expect(repositories.length).toBeGreaterThan(0);
  for (const repo of repositories) {
    const tags = (await get(`${repo}/tags/list`))?.tags ?? [];
    for (const tag of tags) {
      const manifest = await get(
        `${repo}/manifests/${tag}`,
        'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json',
      );
      if (!manifest?.layers) continue;
      blobs.add(manifest.config.digest);
      for (const layer of manifest.layers) blobs.add(layer.digest);
    }
  }
  return blobs;
}

beforeAll(async () => {
  ({ runtime, runDir } = await dockerTestRuntime({
    runDirPrefix: 'lsenv-',
    deploymentId,
  }));
  materialsDir = await fs.mkdtemp(join(os.tmpdir(), 'env-materials-'));
  backend = await startDesktopsBackend({
    runtime,
    modules: [coursesPlugin],
    config: {
      desktops: {
        registry: registryOptions,
        quota: { maxRunningPerUser: 3 },
      },
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
  const label = [`${LABEL_DEPLOYMENT}=${deploymentId}`];
  for (const c of await docker.listContainers({
    all: true,
    filters: { label },
  })) {
    await docker.getContainer(c.Id).remove({ force: true });
  }
  const { Volumes } = await docker.listVolumes({ filters: { label } });
  for (const v of Volumes ?? []) await docker.getVolume(v.Name).remove();
  for (const ref of pushedRefs) {
    await docker
      .getImage(ref)
      .remove({ force: true })
      .catch(() => {});
  }
  await fs.rm(runDir, { recursive: true, force: true });
  await fs.rm(materialsDir, { recursive: true, force: true });
});

it('publishes an instructor desktop to a course and gives each student an identical copy', async () => {
  // A course taught by teacher, with alice, bob and carol enrolled (dave is not).
  const course = await as('teacher', 'post', 'courses/courses', {
    title: 'Environments 101',
    code: 'ENV101',
  });
  expect(course.status).toBe(201);
  const courseId: string = course.body.id;
  const joinCode: string = course.body.joinCode;
  for (const student of ['alice', 'bob', 'carol']) {
    expect(
      (await as(student, 'post', 'courses/join', { code: joinCode })).status,
    ).toBe(201);
  }

  // Before anything is published, members see an empty environment.
  const empty = await as(
    'alice',
    'get',
    `desktops/courses/${courseId}/environment`,
  );
  expect(empty.status).toBe(200);
  expect(empty.body).toEqual({ environment: null, desktop: null });
  expect(
    (
      await as(
        'alice',
        'post',
        `desktops/courses/${courseId}/environment/launch`,
      )
    ).status,
  ).toBe(404);

  // The instructor prepares a desktop: a tool installed, a file in home.
  const base = await as('teacher', 'post', 'desktops/desktops', {
    imageId: 'linux-desktop',
    name: 'Prep',
  });
  expect(base.status).toBe(202);
  await untilState('teacher', base.body.id, 'running');
  await waitFor(
    'the home to be seeded',
    () => sh(base.body.id, 'test -e ~/.labstage-seeded').then(() => true),
    30_000,
  );
  await sh(base.body.id, 'echo "hello class" > ~/Documents/welcome.txt');
  await sh(
    base.body.id,
    'mkdir -p /opt/course && echo "tool v1" > /opt/course/tool.txt',
    'root',
  );

  // Bad names are refused before anything is saved.
  for (const name of [
    '../etc',
    'Upper',
    'x'.repeat(300),
    'evil.example.com/x',
  ]) {
    const bad = await as(
      'teacher',
      'post',
      `desktops/desktops/${base.body.id}/image`,
      {
        name,
      },
    );
    expect(bad.status).toBe(400);
  }
  const badTag = await as(
    'teacher',
    'post',
    `desktops/desktops/${base.body.id}/image`,
    {
      name: 'ok',
      tag: '../v1',
    },
  );
  expect(badTag.status).toBe(400);

  const v1Image = await saveAs('teacher', base.body.id, 'env101');
  expect(v1Image.ref).toBe(`${registryHost}/personal/teacher/env101:v1`);
  // The desktop is untouched by the save.
  expect(
    (await as('teacher', 'get', `desktops/desktops/${base.body.id}`)).body
      .state,
  ).toBe('running');

  // My images: only one's own.
  const mine = await as('teacher', 'get', 'desktops/saved-images');
  expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([
    v1Image.id,
  ]);
  expect(
    (await as('alice', 'get', 'desktops/saved-images')).body.items,
  ).toEqual([]);
  expect(
    (await as('alice', 'get', `desktops/saved-images/${v1Image.id}`)).status,
  ).toBe(404);

  // Only the course's instructors may publish.
  const publishBody = { imageId: v1Image.id, description: 'Week 1 tools' };
  expect(
    (
      await as(
        'alice',
        'post',
        `desktops/courses/${courseId}/environment`,
        publishBody,
      )
    ).status,
  ).toBe(403);
  const v1 = await as(
    'teacher',
    'post',
    `desktops/courses/${courseId}/environment`,
    publishBody,
  );
  expect(v1.status).toBe(201);
  expect(v1.body.environment).toMatchObject({
    version: 1,
    imageRef: v1Image.ref,
  });

  // A published image cannot be deleted.
  expect(
    (await as('teacher', 'delete', `desktops/saved-images/${v1Image.id}`))
      .status,
  ).toBe(409);

  // Three students launch; dave (not enrolled) may not.
  expect(
    (
      await as(
        'dave',
        'post',
        `desktops/courses/${courseId}/environment/launch`,
      )
    ).status,
  ).toBe(403);
  const blobsBefore = await registryBlobs();
  const copies: Record<string, string> = {};
  for (const student of ['alice', 'bob', 'carol']) {
    const launched = await as(
      student,
      'post',
      `desktops/courses/${courseId}/environment/launch`,
    );
    expect(launched.status).toBe(201);
    expect(launched.body.environmentVersion).toBe(1);
    copies[student] = launched.body.id;
  }
  for (const [student, id] of Object.entries(copies)) {
    await untilState(student, id, 'running');
    await waitFor(
      `${student}'s home to be seeded`,
      () => sh(id, 'test -e ~/.labstage-seeded').then(() => true),
      30_000,
    );
    expect(await sh(id, 'cat ~/Documents/welcome.txt')).toBe('hello class');
    expect(await sh(id, 'cat /opt/course/tool.txt')).toBe('tool v1');
  }
  // Copies are pulls: the registry holds exactly the blobs it held before.
  expect(await registryBlobs()).toEqual(blobsBefore);
  // Each copy's own disk is its container layer (its home is a volume).
  for (const id of Object.values(copies)) {
    const info = await docker
      .getContainer(containerName(id))
      .inspect({ size: true } as object);
    expect((info as unknown as { SizeRw: number }).SizeRw).toBeLessThan(
      64 * 1024 * 1024,
    );
  }

  // A second launch resumes the same desktop, also after a stop.
  const again = await as(
    'alice',
    'post',
    `desktops/courses/${courseId}/environment/launch`,
  );
  expect(again.status).toBe(200);
  expect(again.body.id).toBe(copies.alice);
  await as('alice', 'post', `desktops/desktops/${copies.alice}/stop`);
  await untilState('alice', copies.alice, 'stopped');
  const resumed = await as(
    'alice',
    'post',
    `desktops/courses/${courseId}/environment/launch`,
  );
  expect(resumed.status).toBe(200);
  expect(resumed.body.id).toBe(copies.alice);
  await untilState('alice', copies.alice, 'running');

  // The instructor's table; students don't get it.
  const table = await as(
    'teacher',
    'get',
    `desktops/courses/${courseId}/desktops`,
  );
  expect(table.status).toBe(200);
  expect(
    table.body.items.map((d: { owner: string }) => d.owner).sort(),
  ).toEqual(['user:default/alice', 'user:default/bob', 'user:default/carol']);
  expect(
    (await as('alice', 'get', `desktops/courses/${courseId}/desktops`)).status,
  ).toBe(403);

  // Version 2: alice keeps v1 until she updates, then has v2 and her home.
  await sh(copies.alice, 'echo "my work" > ~/Documents/mine.txt');
  await sh(base.body.id, 'echo "tool v2" > /opt/course/tool.txt', 'root');
  const v2Image = await saveAs('teacher', base.body.id, 'env101');
  expect(v2Image.tag).toBe('v2');
  const v2 = await as(
    'teacher',
    'post',
    `desktops/courses/${courseId}/environment`,
    {
      imageId: v2Image.id,
    },
  );
  expect(v2.body.environment.version).toBe(2);
  const view = await as(
    'alice',
    'get',
    `desktops/courses/${courseId}/environment`,
  );
  expect(view.body.environment.version).toBe(2);
  expect(view.body.desktop.environmentVersion).toBe(1);
  const updated = await as(
    'alice',
    'post',
    `desktops/desktops/${copies.alice}/update-environment`,
  );
  expect(updated.status).toBe(200);
  expect(updated.body.environmentVersion).toBe(2);
  await untilState('alice', copies.alice, 'running');
  expect(await sh(copies.alice, 'cat /opt/course/tool.txt')).toBe('tool v2');
  expect(await sh(copies.alice, 'cat ~/Documents/mine.txt')).toBe('my work');
  expect(
    (
      await as(
        'alice',
        'post',
        `desktops/desktops/${copies.alice}/update-environment`,
      )
    ).status,
  ).toBe(409);

  // Stopped copies for the students who have no course desktop yet: none left.
  const clone = await as('teacher', 'post', 'desktops/desktops/clone', {
    imageId: v2Image.id,
    courseId,
  });
  expect(clone.status).toBe(201);
  expect(clone.body.items).toEqual([]);
  expect(clone.body.skipped.sort()).toEqual([
    'user:default/alice',
    'user:default/bob',
    'user:default/carol',
  ]);
  // A student may not hand out copies of an image that isn't theirs.
  expect(
    (
      await as('alice', 'post', 'desktops/desktops/clone', {
        imageId: v2Image.id,
        courseId,
      })
    ).status,
  ).toBe(404);

  // Old version 1 is still published (in the history): still not deletable.
  expect(
    (await as('teacher', 'delete', `desktops/saved-images/${v1Image.id}`))
      .status,
  ).toBe(409);
});
