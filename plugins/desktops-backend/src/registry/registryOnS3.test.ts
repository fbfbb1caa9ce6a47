import Docker from 'dockerode';
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { RegistryCredentials } from '@internal/backstage-plugin-desktops-node';
import { DisposableRegistry } from '../__testUtils__/disposableRegistry';
import { TestS3Server } from '../__testUtils__/s3Server';
import { removeLocalImage, uniqueProject } from '../__testUtils__/testRegistry';
import { DistributionRegistry } from './DistributionRegistry';

const run = promisify(execFile);

async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise(resolve => server.close(resolve));
  return port;
}

/**
 * A one-layer local image with `randomBytes` of incompressible data, so the
 * layer is larger than two of the s3 driver's 10 MB chunks and goes up as a
 * multipart upload of several parts.
 */
async function importImage(reference: string, randomBytes: number) {
  await run('bash', [
    '-c',
    'dir=$(mktemp -d) && head -c "$1" /dev/urandom >"$dir/random.bin" && echo s3 >"$dir/hello.txt" && tar -C "$dir" -cf - . | docker import - "$0" >/dev/null; rc=$?; rm -rf "$dir"; exit $rc',
    reference,
    String(randomBytes),
  ]);
}

/** Pushes or pulls with the engine, the credentials for this transfer only. */
async function transfer(
  docker: Docker,
  direction: 'push' | 'pull',
  reference: string,
  credentials: RegistryCredentials,
): Promise<void> {
  const stream =
    direction === 'push'
      ? await docker.getImage(reference).push({ authconfig: credentials })
      : await docker.pull(reference, { authconfig: credentials });
  const events = await new Promise<
    Array<{ error?: string; errorDetail?: { message?: string } }>
  >((resolve, reject) =>
    docker.modem.followProgress(stream, (error, output) =>
      error ? reject(error) : resolve(output ?? []),
    ),
  );
  const failure = events.find(e => e.error || e.errorDetail);
  if (failure) {
    throw new Error(
      `${direction} ${reference} failed: ${
        failure.errorDetail?.message ?? failure.error
      }`,
    );
  }
}

type Descriptor = { digest: string; size: number };

/**
 * Debian's docker-registry 2.8 with the s3 storage driver, against a real S3
 * protocol server (gofakes3) on loopback, pushed to and pulled from by the
 * real Docker Engine. The registry itself is configured as
 * scripts/lib/registry.sh configures it: htpasswd auth, deletes enabled.
 */
describe('the registry with its storage in S3', () => {
  const docker = new Docker();
  const bucket = 'labstage-images';
  const root = '/labstage';
  const blobsPrefix = `${root.replace(/^\//, '')}/docker/registry/v2/blobs/`;
  const project = uniqueProject('s3-test');
  const repository = `${project}/tiny`;
  let s3: TestS3Server | undefined;
  let own: DisposableRegistry | undefined;
  let registry: DistributionRegistry;
  let reference = '';

  beforeAll(async () => {
    s3 = await TestS3Server.start();
    await s3.createBucket(bucket);
    own = await DisposableRegistry.create(await freeLoopbackPort(), {
      s3: {
        accesskey: s3.accessKeyId,
        secretkey: s3.secretAccessKey,
        region: s3.region,
        regionendpoint: s3.endpoint,
        forcepathstyle: true,
        secure: false,
        v4auth: true,
        bucket,
        rootdirectory: root,
      },
      // Blobs go through the registry: the engine never talks to S3 itself.
      redirect: { disable: true },
    });
    await own.start();
    registry = new DistributionRegistry(own.options);
    reference = `${registry.host}/${repository}:v1`;
  }, 60_000);

  afterAll(async () => {
    if (reference) await removeLocalImage(reference);
    await own?.dispose();
    await s3?.stop();
  });

  async function get(path: string, accept?: string) {
    const response = await fetch(`${own!.options.url}${path}`, {
      headers: {
        authorization: `Basic ${Buffer.from(
          `${own!.options.username}:${own!.options.password}`,
        ).toString('base64')}`,
        ...(accept ? { accept } : {}),
      },
    });
    expect(response.status).toBe(200);
    return response.json();
  }

  it('keeps a pushed image in the bucket and serves it back to a pull, across a registry restart', async () => {
    await importImage(reference, 24 * 1024 * 1024);
    const imageId = (await docker.getImage(reference).inspect()).Id;

    await transfer(docker, 'push', reference, await registry.pushCredentials());

    expect(await get(`/v2/${repository}/tags/list`)).toEqual({
      name: repository,
      tags: ['v1'],
    });
    const manifest: { config: Descriptor; layers: Descriptor[] } = await get(
      `/v2/${repository}/manifests/v1`,
      'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json',
    );
    const blobs = [manifest.config, ...manifest.layers];
    expect(manifest.layers).toHaveLength(1);
    expect(manifest.layers[0].size).toBeGreaterThan(20 * 1024 * 1024);

    // Every blob is an object of its own size in the bucket, where the
    // filesystem driver would have kept a file.
    const objects = await s3!.listObjects(bucket, blobsPrefix);
    for (const blob of blobs) {
      const hex = blob.digest.replace(/^sha256:/, '');
      expect(
        objects.get(`${blobsPrefix}sha256/${hex.slice(0, 2)}/${hex}/data`),
      ).toBe(blob.size);
    }
    // The uploads, resumed across requests, were all completed.
    expect(await s3!.openUploads(bucket)).toEqual([]);

    // A restarted registry finds it all in the bucket again.
    await own!.stop();
    await own!.start();
    expect(await registry.listRepositories(project)).toEqual([repository]);
    expect(
      (await registry.listArtifacts(repository)).flatMap(a => a.tags),
    ).toEqual(['v1']);

    await docker.getImage(reference).remove();
    await expect(docker.getImage(reference).inspect()).rejects.toThrow();
    await transfer(docker, 'pull', reference, await registry.pullCredentials());
    expect((await docker.getImage(reference).inspect()).Id).toBe(imageId);
  }, 120_000);
});
