import Docker from 'dockerode';
import { RegistryError } from '@internal/backstage-plugin-desktops-node';
import {
  importTinyImage,
  removeLocalImage,
  testRegistryOptions,
  uniqueProject,
} from '../__testUtils__/testRegistry';
import { DistributionRegistry } from './DistributionRegistry';
import { pushImage } from './registryTransfers';

/** Against the real Distribution registry (Debian's docker-registry 2.8) the test command starts. */
describe('DistributionRegistry, against the real registry', () => {
  const options = testRegistryOptions();
  const registry = new DistributionRegistry(options);
  const docker = new Docker();
  const project = uniqueProject('registry-test');
  const repository = `${project}/tiny`;
  const local: string[] = [];

  async function pushed(tag: string, content: string): Promise<string> {
    const reference = `${registry.host}/${repository}:${tag}`;
    local.push(reference);
    await importTinyImage(reference, content);
    await pushImage(docker, reference, await registry.pushCredentials());
    return reference;
  }

  afterAll(async () => {
    for (const reference of local) await removeLocalImage(reference);
  });

  it('lists what was pushed: one artifact per digest, with its tags, size and build time', async () => {
    const v1 = await pushed('v1', 'first');
    await docker
      .getImage(v1)
      .tag({ repo: `${registry.host}/${repository}`, tag: 'stable' });
    local.push(`${registry.host}/${repository}:stable`);
    await pushImage(
      docker,
      `${registry.host}/${repository}:stable`,
      await registry.pushCredentials(),
    );
    await pushed('v2', 'second, a little longer');

    expect(await registry.listRepositories(project)).toEqual([repository]);
    const artifacts = await registry.listArtifacts(repository);
    expect(artifacts.map(a => a.tags).sort()).toEqual([
      ['stable', 'v1'],
      ['v2'],
    ]);
    const inspected = await docker.getImage(v1).inspect();
    const first = artifacts.find(a => a.tags.includes('v1'))!;
    expect(inspected.RepoDigests).toContain(
      `${registry.host}/${repository}@${first.digest}`,
    );
    expect(first.sizeBytes).toBeGreaterThan(0);
    expect(Number.isNaN(Date.parse(first.createdAt!))).toBe(false);
  });

  it('deletes one version by digest and keeps the others', async () => {
    const artifacts = await registry.listArtifacts(repository);
    const v2 = artifacts.find(a => a.tags.includes('v2'))!;

    await registry.deleteArtifact(repository, v2.digest);

    const left = await registry.listArtifacts(repository);
    expect(left.map(a => a.digest)).not.toContain(v2.digest);
    expect(left.flatMap(a => a.tags).sort()).toEqual(['stable', 'v1']);
  });

  it('lists nothing for a project that has no images', async () => {
    expect(await registry.listRepositories(uniqueProject('empty'))).toEqual([]);
    expect(
      await registry.listArtifacts(`${uniqueProject('empty')}/none`),
    ).toEqual([]);
  });

  it('says plainly when its credentials are refused', async () => {
    const wrong = new DistributionRegistry({ ...options, password: 'wrong' });
    const error = await wrong.listRepositories(project).catch(e => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect(error.reason).toBe('unauthorized');
    expect(error.message).toContain('refused Labstage');
  });

  it('says plainly when the engine cannot push with refused credentials', async () => {
    const reference = `${registry.host}/${repository}:refused`;
    local.push(reference);
    await importTinyImage(reference, 'never pushed');
    const error = await pushImage(docker, reference, {
      ...(await registry.pushCredentials()),
      password: 'wrong',
    }).catch(e => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect(error.reason).toBe('unauthorized');
    expect(
      (await registry.listArtifacts(repository)).flatMap(a => a.tags),
    ).not.toContain('refused');
  });

  it('says plainly when the registry is down', async () => {
    // A loopback port nothing listens on (the registry's own port + 1000).
    const port = Number(new URL(options.url).port) + 1000;
    const down = new DistributionRegistry({
      ...options,
      url: `http://127.0.0.1:${port}`,
    });
    const error = await down.listRepositories(project).catch(e => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect(error.reason).toBe('unreachable');
    expect(error.message).toContain(`127.0.0.1:${port} cannot be reached`);
  });

  it('refuses plain http to a registry that is not on this machine', () => {
    expect(
      () =>
        new DistributionRegistry({
          ...options,
          url: 'http://registry.example.com',
        }),
    ).toThrow('use https');
  });
});
