import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import Docker from 'dockerode';
import {
  removeLocalImage,
  testRegistryOptions,
  uniqueProject,
} from '../__testUtils__/testRegistry';
import { RegistryError } from '@internal/backstage-plugin-desktops-node';
import { DisposableRegistry } from '../__testUtils__/disposableRegistry';
import {
  dockerTestRuntime,
  execInDesktop,
} from '../__testUtils__/dockerTestRuntime';
import { waitFor } from '@internal/backstage-plugin-desktops-node/testUtils';
import { DistributionRegistry } from '../registry/DistributionRegistry';
import { pushImage } from '../registry/registryTransfers';
import { DockerDesktopRuntime } from './DockerDesktopRuntime';
import { containerName, LABEL_DEPLOYMENT } from './dockerNaming';
import { saveDesktopImage, SaveImageStep } from './saveDesktopImage';

const docker = new Docker();
const deploymentId = `save-${randomBytes(4).toString('hex')}`;
const registry = new DistributionRegistry(testRegistryOptions());
const project = uniqueProject('save-test');
const baseRef = `${registry.host}/${project}/base:v1`;
const savedRepo = `${registry.host}/${project}/saved`;
let runtime: DockerDesktopRuntime;
let runDir: string;

const sh = (id: string, script: string) => execInDesktop(id, script);

function spec(id: string, imageRef: string) {
  return {
    desktopId: id,
    owner: 'user:default/teacher',
    imageRef,
    resources: { cpus: 1, memoryMiB: 768, pids: 256 },
    vncPassword: 'pw1234ab',
  };
}

async function manifestLayers(repository: string, tag: string) {
  const { url, username, password } = testRegistryOptions();
  const response = await fetch(`${url}/v2/${repository}/manifests/${tag}`, {
    headers: {
      authorization: `Basic ${Buffer.from(`${username}:${password}`).toString(
        'base64',
      )}`,
      accept:
        'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json',
    },
  });
  expect(response.status).toBe(200);
  const manifest = (await response.json()) as {
    layers: Array<{ digest: string }>;
  };
  return manifest.layers.map(l => l.digest);
}

beforeAll(async () => {
  ({ runtime, runDir } = await dockerTestRuntime({
    runDirPrefix: 'lssv-',
    deploymentId,
  }));
  // The course's base image, as an instructor would find it in the registry.
  await docker.getImage('labstage/desktop:latest').tag({
    repo: `${registry.host}/${project}/base`,
    tag: 'v1',
  });
  await pushImage(docker, baseRef, await registry.pushCredentials());
}, 600_000);

afterAll(async () => {
  const label = [`${LABEL_DEPLOYMENT}=${deploymentId}`];
  for (const c of await docker.listContainers({
    all: true,
    filters: { label },
  })) {
    await docker.getContainer(c.Id).remove({ force: true });
  }
  const { Volumes } = await docker.listVolumes({ filters: { label } });
  for (const v of Volumes ?? []) await docker.getVolume(v.Name).remove();
  await removeLocalImage(`${savedRepo}:v1`);
  await removeLocalImage(baseRef);
  await fs.rm(runDir, { recursive: true, force: true });
});

describe('saving a desktop as an image, with real Docker and the real registry', () => {
  const instructor = `inst${randomBytes(4).toString('hex')}`;

  it('captures system changes and the home, shares the base layers, and leaves the desktop running', async () => {
    await runtime.start(spec(instructor, baseRef));
    await waitFor(
      'the home to be seeded',
      () => sh(instructor, 'test -e ~/.labstage-seeded').then(() => true),
      20_000,
    );
    await sh(
      instructor,
      'echo "week 1 notes" > ~/Documents/notes.txt && rm ~/.bashrc && mkdir -p /tmp/course-tools && echo tool > /tmp/course-tools/installed.txt',
    );
    const steps: SaveImageStep['step'][] = [];

    const saved = await saveDesktopImage(docker, {
      container: docker.getContainer(containerName(instructor)),
      repository: savedRepo,
      tag: 'v1',
      credentials: await registry.pushCredentials(),
      labels: { 'io.labstage.saved-from': instructor },
      onStep: s => steps.push(s.step),
    });

    expect(saved.reference).toBe(`${savedRepo}:v1`);
    expect(saved.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(steps.slice(0, 2)).toEqual(['commit', 'home']);
    expect(steps).toContain('push');
    expect((await runtime.inspect(instructor))?.state).toBe('running');

    // Every blob of the base is the same blob in the saved image.
    const base = await manifestLayers(`${project}/base`, 'v1');
    const copy = await manifestLayers(`${project}/saved`, 'v1');
    expect(copy.slice(0, base.length)).toEqual(base);
    expect(copy.length).toBe(base.length + 2); // the commit, the home seed
    const artifacts = await registry.listArtifacts(`${project}/saved`);
    expect(artifacts.map(a => a.digest)).toEqual([saved.digest]);
  }, 600_000);

  it('gives a desktop started from it the system changes and a copy of the home', async () => {
    const student = `stud${randomBytes(4).toString('hex')}`;
    await runtime.start(spec(student, `${savedRepo}:v1`));
    await waitFor(
      'the home to be seeded',
      () => sh(student, 'test -e ~/.labstage-seeded').then(() => true),
      20_000,
    );
    expect(await sh(student, 'cat ~/Documents/notes.txt')).toContain(
      'week 1 notes',
    );
    expect(await sh(student, 'cat /tmp/course-tools/installed.txt')).toContain(
      'tool',
    );
    // The saved home is the instructor's as it was, not merged with the skeleton.
    await sh(student, 'test ! -e ~/.bashrc');
    const image = await docker.getImage(`${savedRepo}:v1`).inspect();
    expect(image.Config.Entrypoint).toEqual([
      '/usr/local/bin/labstage-desktop',
    ]);
    expect(image.Config.Labels?.['io.labstage.saved-from']).toBe(instructor);
  }, 120_000);
});

describe('saving while the registry goes down, with a registry of the test’s own', () => {
  let own: DisposableRegistry;

  beforeAll(async () => {
    own = await DisposableRegistry.create(5600 + (process.pid % 300));
    await own.start();
  });
  afterAll(() => own?.dispose());

  it('fails with a clear error, leaves the desktop running and untouched, and a retry succeeds once it is back', async () => {
    const target = new DistributionRegistry(own.options);
    const repository = `${target.host}/${project}/retry`;
    const id = `retr${randomBytes(4).toString('hex')}`;
    await runtime.start(spec(id, baseRef));
    await waitFor(
      'the home to be seeded',
      () => sh(id, 'test -e ~/.labstage-seeded').then(() => true),
      20_000,
    );
    await sh(id, 'echo draft > ~/Documents/draft.txt');
    let stopping: Promise<void> | undefined;
    const save = () =>
      saveDesktopImage(docker, {
        container: docker.getContainer(containerName(id)),
        repository,
        tag: 'v1',
        credentials: { ...own.options, serveraddress: target.host },
        labels: {},
        onStep: step => {
          // The registry dies once the save has begun.
          if (step.step === 'commit') stopping ??= own.stop();
        },
      });
    const error = await save().catch(e => e);
    await stopping;

    expect(error).toBeInstanceOf(RegistryError);
    expect(error.reason).toBe('unreachable');
    expect(error.message).toContain(`Pushing ${repository}:v1 failed`);
    expect((await runtime.inspect(id))?.state).toBe('running');
    expect(await sh(id, 'cat ~/Documents/draft.txt')).toContain('draft');

    await own.start();
    stopping = Promise.resolve(); // the retry runs with the registry up
    const saved = await save();
    expect(
      (await target.listArtifacts(`${project}/retry`)).map(a => a.digest),
    ).toEqual([saved.digest]);
    await removeLocalImage(`${repository}:v1`);
  }, 600_000);
});
