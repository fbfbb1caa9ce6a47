import { waitFor } from '@internal/backstage-plugin-desktops-node/testUtils';
import { randomBytes } from 'node:crypto';
import { promises as fs, readlinkSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import Docker from 'dockerode';
import { mockServices } from '@backstage/backend-test-utils';
import {
  deobfuscateVncPassword,
  vncAuthResponse,
} from '@internal/backstage-plugin-desktops-node';
import type {
  DesktopRuntimeSpec,
  RuntimeEvent,
} from '@internal/backstage-plugin-desktops-node';
import { connectDisplaySocket } from './connectDisplaySocket';
import { DockerDesktopRuntime } from './DockerDesktopRuntime';
import { LABEL_DEPLOYMENT } from './dockerNaming';

// Real Docker Engine and the real desktop image; scripts/test starts both.
jest.setTimeout(120_000);

const DOCKER_SOCKET = process.env.DOCKER_SOCKET ?? '/var/run/docker.sock';
const IMAGE = 'labstage/desktop:latest';
const docker = new Docker({ socketPath: DOCKER_SOCKET });
const deploymentId = `test-${randomBytes(4).toString('hex')}`;
const logger = mockServices.logger.mock();
let runDir: string;
let runtime: DockerDesktopRuntime;

function newId(): string {
  return `rt${randomBytes(5).toString('hex')}`;
}

function specFor(
  desktopId: string,
  overrides: Partial<DesktopRuntimeSpec> = {},
): DesktopRuntimeSpec {
  return {
    desktopId,
    owner: 'user:default/alice',
    imageRef: IMAGE,
    resources: { cpus: 1, memoryMiB: 768, pids: 256 },
    vncPassword: 'pw1234ab',
    ...overrides,
  };
}

async function readBytes(
  socket: net.Socket,
  count: number,
  timeoutMs = 10_000,
): Promise<Buffer> {
  let buffered = Buffer.alloc(0);
  return new Promise<Buffer>((resolve, reject) => {
    const timer = setTimeout(
      () => done(new Error(`timed out waiting for ${count} bytes`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length >= count) {
        const rest = buffered.subarray(count);
        done(undefined, buffered.subarray(0, count));
        if (rest.length > 0) socket.unshift(rest);
      }
    };
    const onClose = () =>
      done(
        new Error(`socket closed after ${buffered.length} of ${count} bytes`),
      );
    function done(error?: Error, value?: Buffer) {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
      socket.pause();
      if (error) reject(error);
      else resolve(value!);
    }
    socket.on('data', onData);
    socket.on('close', onClose);
    socket.resume();
  });
}

/** Connects to the display socket, retrying while Xvnc is still coming up. */
async function connectDisplay(
  path: string,
  timeoutMs = 20_000,
): Promise<net.Socket> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await new Promise<net.Socket>((resolve, reject) => {
        connectDisplaySocket({ kind: 'unix', path, ownerUid: 1000 }).then(
          socket => {
            socket.once('connect', () => {
              socket.pause();
              resolve(socket);
            });
            socket.once('error', reject);
          },
          reject,
        );
      });
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise(r => setTimeout(r, 100));
    }
  }
}

/** RFB 3.8 greeting plus a VncAuth handshake with the endpoint's password. */
async function rfbHandshake(
  path: string,
  password: string,
): Promise<{ greeting: string; authResult: number }> {
  const socket = await connectDisplay(path);
  try {
    const greeting = (await readBytes(socket, 12)).toString('latin1');
    socket.write('RFB 003.008\n');
    const [count] = await readBytes(socket, 1);
    const types = [...(await readBytes(socket, count))];
    expect(types).toContain(2); // VncAuth
    socket.write(Buffer.from([2]));
    const challenge = await readBytes(socket, 16);
    socket.write(vncAuthResponse(password, challenge));
    const authResult = (await readBytes(socket, 4)).readUInt32BE(0);
    return { greeting, authResult };
  } finally {
    socket.destroy();
  }
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Streams a buffer in small chunks, like an HTTP body of unknown length. */
function chunked(data: Buffer, chunkSize = 64 * 1024): Readable {
  const chunks: Buffer[] = [];
  for (let i = 0; i < data.length; i += chunkSize)
    chunks.push(data.subarray(i, i + chunkSize));
  return Readable.from(chunks);
}

async function exec(containerName: string, cmd: string[]): Promise<void> {
  const execution = await docker
    .getContainer(containerName)
    .exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
  const stream = await execution.start({});
  await readAll(stream as unknown as Readable);
  const { ExitCode } = await execution.inspect();
  expect(ExitCode).toBe(0);
}

function eventRecorder() {
  const events: RuntimeEvent[] = [];
  const waiters: Array<{
    match: (e: RuntimeEvent) => boolean;
    resolve: (e: RuntimeEvent) => void;
  }> = [];
  const listener = (event: RuntimeEvent) => {
    events.push(event);
    for (const waiter of [...waiters]) {
      if (waiter.match(event)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(event);
      }
    }
  };
  const next = (match: (e: RuntimeEvent) => boolean, timeoutMs = 20_000) =>
    new Promise<RuntimeEvent>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `no matching runtime event within ${timeoutMs} ms; saw ${JSON.stringify(
                events,
              )}`,
            ),
          ),
        timeoutMs,
      );
      waiters.push({
        match,
        resolve: e => {
          clearTimeout(timer);
          resolve(e);
        },
      });
    });
  return { events, listener, next };
}

async function volumeExists(name: string): Promise<boolean> {
  try {
    await docker.getVolume(name).inspect();
    return true;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return false;
    throw error;
  }
}

beforeAll(async () => {
  try {
    await docker.ping();
  } catch (error) {
    throw new Error(
      `Docker Engine is not reachable at ${DOCKER_SOCKET} (${error}); these tests need it and the ` +
        `desktop image ${IMAGE}. scripts/test starts dockerd and builds the image.`,
    );
  }
  // Short on purpose: the display socket path must stay under 100 characters.
  runDir = await fs.mkdtemp(join(os.tmpdir(), 'lsrt-'));
  runtime = new DockerDesktopRuntime({
    socketPath: DOCKER_SOCKET,
    network: 'none',
    runDir,
    deploymentId,
    logger,
  });
});

afterAll(async () => {
  const label = [`${LABEL_DEPLOYMENT}=${deploymentId}`];
  const containers = await docker.listContainers({
    all: true,
    filters: { label },
  });
  await Promise.all(
    containers.map(c => docker.getContainer(c.Id).remove({ force: true })),
  );
  const { Volumes } = await docker.listVolumes({ filters: { label } });
  await Promise.all(
    (Volumes ?? []).map(v => docker.getVolume(v.Name).remove()),
  );
  if (runDir) await fs.rm(runDir, { recursive: true, force: true });
});

describe('DockerDesktopRuntime', () => {
  const id = newId();
  const name = `labstage-desktop-${id}`;
  const spec = specFor(id);
  const recorder = eventRecorder();
  let unsubscribe: (() => void) | undefined;

  beforeAll(() => {
    unsubscribe = runtime.watch(recorder.listener);
  });
  afterAll(() => unsubscribe?.());

  // What every driver must do (states, events, files, display, home,
  // re-adoption) is DockerDesktopRuntime.conformance.test.ts; these are the
  // Docker specifics.
  it('starts a labelled, limited, unprivileged container with a home volume, a display folder and a read-only password', async () => {
    const { handle } = await runtime.start(spec);
    expect(await runtime.inspect(id)).toMatchObject({ handle, deploymentId });

    const info = await docker.getContainer(name).inspect();
    expect(info.Config.Labels).toMatchObject({
      'org.labstage.managed': 'true',
      'org.labstage.desktop-id': id,
      'org.labstage.owner': 'user:default/alice',
      'org.labstage.deployment': deploymentId,
    });
    expect(info.Config.User).toBe('1000:1000');
    expect(info.HostConfig).toMatchObject({
      NanoCpus: 1e9,
      Memory: 768 * 1024 * 1024,
      MemorySwap: 768 * 1024 * 1024,
      PidsLimit: 256,
      SecurityOpt: ['no-new-privileges'],
      CapDrop: ['ALL'],
      Init: true,
      NetworkMode: 'none',
    });
    // Offline: no network endpoint, but a network namespace of its own
    // (never the host's).
    expect((info.Config as { NetworkDisabled?: boolean }).NetworkDisabled).toBe(
      true,
    );
    expect(readlinkSync(`/proc/${info.State.Pid}/ns/net`)).not.toBe(
      readlinkSync('/proc/self/ns/net'),
    );
    expect(info.HostConfig.CapAdd ?? []).toEqual([]);
    expect(info.HostConfig.Privileged).toBe(false);
    expect(info.HostConfig.PortBindings ?? {}).toEqual({});
    expect(info.Mounts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Type: 'volume',
          Name: `labstage-home-${id}`,
          Destination: '/home/student',
        }),
        expect.objectContaining({
          Type: 'bind',
          Source: join(runDir, id, 'display'),
          Destination: '/run/labstage',
          RW: true,
        }),
        expect.objectContaining({
          Type: 'bind',
          Source: join(runDir, id, 'vncpasswd'),
          Destination: '/run/secrets/labstage/vncpasswd',
          RW: false,
        }),
      ]),
    );
    const volume = await docker.getVolume(`labstage-home-${id}`).inspect();
    expect(volume.Labels).toMatchObject({
      'org.labstage.desktop-id': id,
      'org.labstage.deployment': deploymentId,
    });

    // The desktop writes only display/; the rest is the backend's.
    const owned = async (path: string) => {
      const stat = await fs.lstat(join(runDir, id, path));
      return { uid: stat.uid, gid: stat.gid, mode: stat.mode & 0o777 };
    };
    expect(await owned('.')).toEqual({ uid: 0, gid: 0, mode: 0o700 });
    expect(await owned('display')).toEqual({
      uid: 1000,
      gid: 1000,
      mode: 0o700,
    });
    expect(await owned('vncpasswd')).toEqual({
      uid: 0,
      gid: 1000,
      mode: 0o440,
    });
    expect(
      deobfuscateVncPassword(await fs.readFile(join(runDir, id, 'vncpasswd'))),
    ).toBe(spec.vncPassword);

    // Only this deployment's desktops.
    expect((await runtime.list()).map(s => s.desktopId)).toEqual([id]);
  });

  it("exposes the display as a unix socket in the desktop's display folder, owned by the desktop user", async () => {
    expect(await runtime.endpoint(id)).toEqual({
      kind: 'unix',
      path: join(runDir, id, 'display', 'vnc.sock'),
      ownerUid: 1000,
    });
  });

  it('spools uploads in the run folder, removes the spool file also after an upload over the limit, and stores the file as 1000:1000 mode 644', async () => {
    const stored = await runtime.uploadFile(id, {
      name: 'spooled.bin',
      content: chunked(randomBytes(100 * 1024)),
      maxBytes: 1024 * 1024,
    });
    await exec(name, [
      'sh',
      '-c',
      `test "$(stat -c %u:%g:%a "$HOME/Uploads/${stored.name}")" = 1000:1000:644`,
    ]);
    await expect(
      runtime.uploadFile(id, {
        name: 'big.bin',
        content: chunked(randomBytes(2 * 1024 * 1024)),
        maxBytes: 1024 * 1024,
      }),
    ).rejects.toMatchObject({ name: 'FileTooLargeError' });
    expect(await fs.readdir(join(runDir, '.spool'))).toEqual([]);
  });

  it('leaves an oversized HTTP upload to be drained, so the server can still answer 413', async () => {
    const server = http.createServer(async (req, res) => {
      try {
        const stored = await runtime.uploadFile(id, {
          name: 'http.bin',
          content: req,
          maxBytes: 64 * 1024,
        });
        res.writeHead(201).end(JSON.stringify(stored));
      } catch (error) {
        res
          .writeHead((error as { statusCode?: number }).statusCode ?? 500)
          .end((error as Error).message);
      }
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as net.AddressInfo;
      const response = await new Promise<{ status?: number; body: string }>(
        (resolve, reject) => {
          const req = http.request(
            { host: '127.0.0.1', port, method: 'PUT', path: '/' },
            async res => {
              const body = (await readAll(res)).toString();
              resolve({ status: res.statusCode, body });
            },
          );
          req.on('error', reject);
          req.end(randomBytes(4 * 1024 * 1024));
        },
      );
      expect(response).toEqual({
        status: 413,
        body: 'The file is larger than the limit of 64 KiB',
      });
    } finally {
      server.close();
    }
    await expect(
      runtime.downloadFile(id, 'Uploads/http.bin', { maxBytes: 10 }),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('applies new resources when a stopped desktop starts again', async () => {
    await runtime.stop(id);
    await runtime.start({
      ...spec,
      resources: { cpus: 0.5, memoryMiB: 512, pids: 128 },
    });
    const info = await docker.getContainer(name).inspect();
    expect(info.HostConfig).toMatchObject({
      NanoCpus: 5e8,
      Memory: 512 * 1024 * 1024,
      MemorySwap: 512 * 1024 * 1024,
      PidsLimit: 128,
    });
  });

  it('reports a killed desktop as died with its exit code', async () => {
    const died = recorder.next(e => e.desktopId === id && e.type === 'died');
    await docker.getContainer(name).kill();
    await expect(died).resolves.toEqual({
      desktopId: id,
      type: 'died',
      exitCode: 137,
    });
    expect(await runtime.inspect(id)).toMatchObject({
      state: 'exited',
      exitCode: 137,
    });
  });

  it('removes the container, its run folder and home volume', async () => {
    await runtime.remove(id);
    expect(await runtime.inspect(id)).toBeUndefined();
    expect(await volumeExists(`labstage-home-${id}`)).toBe(false);
    await expect(fs.stat(join(runDir, id))).rejects.toMatchObject({
      code: 'ENOENT',
    });
    expect(await runtime.list()).toEqual([]);
  });
});

describe('DockerDesktopRuntime capacity', () => {
  // The test engine runs on this machine, so its host is this one.
  it("is this host's CPUs and memory", async () => {
    expect(await runtime.capacity()).toEqual({
      allocatable: {
        cpus: os.cpus().length,
        memoryMiB: Math.floor(os.totalmem() / (1024 * 1024)),
      },
    });
  });
});

describe('DockerDesktopRuntime edge cases', () => {
  it('re-establishes the event stream after it breaks and replays what happened meanwhile', async () => {
    // A relay in front of the Docker socket lets the test cut the stream.
    const proxyPath = join(runDir, 'docker.sock');
    const open = new Set<net.Socket>();
    let refusing = false;
    let connections = 0;
    const proxy = net.createServer(client => {
      if (refusing) {
        client.destroy();
        return;
      }
      connections++;
      const upstream = net.connect(DOCKER_SOCKET);
      open.add(client);
      client.on('close', () => {
        open.delete(client);
        upstream.destroy();
      });
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>(r => proxy.listen(proxyPath, r));
    const watched = new DockerDesktopRuntime({
      socketPath: proxyPath,
      network: 'none',
      runDir,
      deploymentId,
      logger,
    });
    const recorder = eventRecorder();
    const unsubscribe = watched.watch(recorder.listener);
    const id = newId();
    try {
      const started = recorder.next(
        e => e.desktopId === id && e.type === 'started',
      );
      await runtime.start(specFor(id));
      await started;

      refusing = true;
      for (const socket of open) socket.destroy();
      const connectionsBeforeGap = connections;
      await runtime.stop(id); // happens while the watcher is cut off
      await new Promise(r => setTimeout(r, 1500));
      refusing = false;

      await expect(
        recorder.next(e => e.desktopId === id && e.type === 'died'),
      ).resolves.toMatchObject({
        type: 'died',
      });
      expect(connections).toBeGreaterThan(connectionsBeforeGap);
      // Replayed once, not duplicated by the overlapping `since`.
      await new Promise(r => setTimeout(r, 500));
      expect(
        recorder.events.filter(e => e.desktopId === id).map(e => e.type),
      ).toEqual(['started', 'died']);
    } finally {
      unsubscribe();
      proxy.close();
      for (const socket of open) socket.destroy();
      await runtime.remove(id);
    }
  });

  it('fills a new home from the image seed on first start, and never again', async () => {
    const id = newId();
    const name = `labstage-desktop-${id}`;
    await runtime.start(specFor(id));
    const seeded = () =>
      waitFor(
        'the entrypoint to seed the home',
        () =>
          exec(name, ['test', '-e', '/home/student/.labstage-seeded']).then(
            () => true,
          ),
        20_000,
      );
    await seeded();
    await exec(name, ['test', '-f', '/home/student/.bashrc']);
    await exec(name, ['test', '-d', '/home/student/Documents']);

    // Later starts leave the home as the student left it.
    await exec(name, ['rm', '/home/student/.bashrc']);
    await runtime.stop(id);
    await runtime.start(specFor(id));
    await waitFor(
      'the restarted display',
      () => runtime.endpoint(id).then(() => true),
      20_000,
    );
    await expect(
      exec(name, ['test', '!', '-e', '/home/student/.bashrc']),
    ).resolves.toBeUndefined();
    await runtime.remove(id);
  });

  it('keeps the home volume when asked and re-attaches it', async () => {
    const id = newId();
    await runtime.start(specFor(id));
    await runtime.remove(id, { keepHome: true });
    expect(await volumeExists(`labstage-home-${id}`)).toBe(true);
    const { handle } = await runtime.start(specFor(id));
    expect(
      (await docker.getContainer(handle).inspect()).Mounts.find(
        m => m.Destination === '/home/student',
      ),
    ).toMatchObject({ Type: 'volume', Name: `labstage-home-${id}` });
    await runtime.remove(id);
    expect(await volumeExists(`labstage-home-${id}`)).toBe(false);
  });

  it('recreates the container on a new image ref or run folder, keeping the home', async () => {
    const id = newId();
    const otherRef = `labstage/desktop:rt-${randomBytes(4).toString('hex')}`;
    const [repo, tag] = otherRef.split(':');
    await docker.getImage(IMAGE).tag({ repo, tag });
    try {
      const first = await runtime.start(specFor(id));
      await runtime.uploadFile(id, {
        name: 'kept.txt',
        content: chunked(Buffer.from('home')),
        maxBytes: 100,
      });
      await runtime.stop(id);

      const second = await runtime.start(specFor(id, { imageRef: otherRef }));
      expect(second.handle).not.toBe(first.handle);
      expect(
        (await docker.getContainer(second.handle).inspect()).Config.Image,
      ).toBe(otherRef);
      await runtime.stop(id);

      const movedRunDir = join(runDir, 'moved');
      const moved = new DockerDesktopRuntime({
        socketPath: DOCKER_SOCKET,
        network: 'none',
        runDir: movedRunDir,
        deploymentId,
        logger,
      });
      const third = await moved.start(specFor(id, { imageRef: otherRef }));
      expect(third.handle).not.toBe(second.handle);
      const endpoint = await moved.endpoint(id);
      if (endpoint.kind !== 'unix') throw new Error('unix endpoint expected');
      expect(endpoint.path).toBe(join(movedRunDir, id, 'display', 'vnc.sock'));
      expect(
        (await rfbHandshake(endpoint.path, specFor(id).vncPassword)).greeting,
      ).toBe('RFB 003.008\n');
      const kept = await moved.downloadFile(id, 'Uploads/kept.txt', {
        maxBytes: 100,
      });
      expect((await readAll(kept.content)).toString()).toBe('home');
      await moved.remove(id);
    } finally {
      await docker.getImage(otherRef).remove();
    }
  });

  it('fails clearly when the image is missing, leaving no container behind', async () => {
    const id = newId();
    await expect(
      runtime.start(specFor(id, { imageRef: 'labstage/not-built:latest' })),
    ).rejects.toThrow(
      'Desktop image labstage/not-built:latest is not present; run scripts/start or images/desktop/build-offline.sh',
    );
    expect(await runtime.inspect(id)).toBeUndefined();
  });

  it("replaces a desktop folder of the older layout (the desktop user's, with planted links) without following them", async () => {
    const id = newId();
    const folder = join(runDir, id);
    const canaryDir = await fs.mkdtemp('/tmp/rt-canary-');
    const canary = join(canaryDir, 'canary');
    await fs.writeFile(canary, 'untouched\n');
    await fs.mkdir(folder);
    await fs.symlink(canary, join(folder, 'vncpasswd'));
    await fs.symlink(canaryDir, join(folder, 'elsewhere'));
    await fs.chown(folder, 1000, 1000);
    try {
      await runtime.start(specFor(id));
      const endpoint = await runtime.endpoint(id);
      if (endpoint.kind !== 'unix') throw new Error('unix endpoint expected');
      expect(
        (await rfbHandshake(endpoint.path, specFor(id).vncPassword)).authResult,
      ).toBe(0);
      const stat = await fs.lstat(folder);
      expect({ uid: stat.uid, mode: stat.mode & 0o777 }).toEqual({
        uid: 0,
        mode: 0o700,
      });
      expect((await fs.readdir(folder)).sort()).toEqual([
        'display',
        'vncpasswd',
      ]);
      expect(await fs.readFile(canary, 'utf8')).toBe('untouched\n');
      expect(await fs.readdir(canaryDir)).toEqual(['canary']);
    } finally {
      await runtime.remove(id);
      await fs.rm(canaryDir, { recursive: true, force: true });
    }
  });

  it('reaches the display under a run folder longer than a unix socket path may be', async () => {
    // connectDisplaySocket goes through /proc/self/fd, so sun_path's 108
    // bytes no longer limit desktops.runDir.
    const longRuntime = new DockerDesktopRuntime({
      socketPath: DOCKER_SOCKET,
      network: 'none',
      runDir: join(runDir, 'x'.repeat(120)),
      deploymentId,
      logger,
    });
    const id = newId();
    await longRuntime.start(specFor(id));
    try {
      const endpoint = await longRuntime.endpoint(id);
      if (endpoint.kind !== 'unix') throw new Error('unix endpoint expected');
      expect(endpoint.path.length).toBeGreaterThan(108);
      expect(
        await rfbHandshake(endpoint.path, specFor(id).vncPassword),
      ).toEqual({
        greeting: 'RFB 003.008\n',
        authResult: 0,
      });
    } finally {
      await longRuntime.remove(id);
    }
  });
});
