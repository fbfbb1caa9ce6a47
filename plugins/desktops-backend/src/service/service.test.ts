import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DesktopState } from '@internal/backstage-plugin-desktops-common';
import { createNoopMeter, metrics } from '@opentelemetry/api';
import { Knex } from 'knex';
import {
  offlineDockerRuntime,
  requireDesktopImage,
} from '../__testUtils__/dockerTestRuntime';
import { fixedDirectory } from '../__testUtils__/testAccounts';
import { RecordingSignals } from '../__testUtils__/recordingSignals';
import { waitFor } from '@internal/backstage-plugin-desktops-node/testUtils';
import { DEFAULT_DESKTOP_IMAGES, ImageCatalog } from '../images/catalog';
import { openDisplay } from '../gateway/displayConnection';
import { ReadBufferPool } from '../gateway/ReadBufferPool';
import { Reconciler } from '../reconciler/Reconciler';
import { applyMigrations, createDesktopsStore, DesktopRecord } from '../store';
import { VncPasswordVault } from '../vnc/VncPasswordVault';
import { createDesktops } from '../createDesktops';
import { DesktopService } from './DesktopService';
import { defaultDesktopsSettings, DesktopsSettings } from './settings';

/**
 * The lifecycle service against the real Docker runtime and real desktop
 * containers (image labstage/desktop:latest), on SQLite.
 */

jest.setTimeout(240_000);

const run = promisify(execFile);
const deploymentId = `svc-test-${process.pid}`;
const alice = 'user:default/alice';
const bob = 'user:default/bob';
const teacher = 'user:default/teacher';
// One key for every service instance, as one deployment shares it.
const vault = VncPasswordVault.fromSecret('service test display password key');

// The launch histogram, captured through the global meter provider.
const launchRecords: Array<{ value: number; attributes: unknown }> = [];
metrics.setGlobalMeterProvider({
  getMeter: () => {
    const meter = createNoopMeter();
    return Object.assign(Object.create(meter), {
      createHistogram: () => ({
        record: (value: number, attributes: unknown) =>
          launchRecords.push({ value, attributes }),
      }),
    });
  },
});

describe('DesktopService with the Docker runtime', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let runDir: string;
  let knex: Knex;
  const toClose: Array<() => Promise<void> | void> = [];

  function newRuntime() {
    return offlineDockerRuntime({ runDir, deploymentId });
  }

  function setup(
    options: {
      settings?: (s: DesktopsSettings) => void;
      catalog?: ImageCatalog;
      readyTimeoutMs?: number;
      vault?: VncPasswordVault;
    } = {},
  ) {
    const settings = defaultDesktopsSettings();
    options.settings?.(settings);
    const runtime = newRuntime();
    const signals = new RecordingSignals();
    const logger = mockServices.logger.mock();
    const { service, decisions, gatewayDesktops } = createDesktops({
      store: createDesktopsStore(knex),
      runtime,
      catalog: options.catalog ?? ImageCatalog.of(DEFAULT_DESKTOP_IMAGES),
      directory: fixedDirectory,
      signals,
      logger,
      settings,
      vault: options.vault ?? vault,
      readyTimeoutMs: options.readyTimeoutMs,
    });
    const reconciler = new Reconciler({
      service,
      decisions,
      runtime,
      logger,
      idleStopMinutes: settings.idleStopMinutes,
    });
    reconciler.watch();
    toClose.push(async () => {
      reconciler.stop();
      await service.close();
    });
    return { service, gatewayDesktops, runtime, signals, reconciler, logger };
  }

  function stateOf(service: DesktopService, id: string, state: DesktopState) {
    return waitFor(
      `desktop ${id} to be ${state}`,
      async () => {
        const d = await service.find(id);
        return d?.state === state ? d : undefined;
      },
      30_000,
    ).catch(async error => {
      const d = await service.find(id);
      const logs = await run('docker', ['logs', `labstage-desktop-${id}`]).then(
        r => r.stdout + r.stderr,
        e => String(e),
      );
      throw new Error(
        `${error.message}; it is ${d?.state}: ${d?.stateReason}; container log: ${logs}`,
      );
    });
  }

  beforeAll(async () => {
    await requireDesktopImage();
    // Short: the display socket path must stay under the unix socket limit.
    runDir = await fs.mkdtemp('/tmp/lsd-');
    knex = await databases.init('SQLITE_3');
    await applyMigrations(knex);
  });

  afterEach(async () => {
    for (const close of toClose.splice(0)) await close();
  });

  afterAll(async () => {
    const runtime = newRuntime();
    for (const status of await runtime.list()) {
      await runtime.remove(status.desktopId);
    }
    await fs.rm(runDir, { recursive: true, force: true });
  });

  it('creates, runs, stops, starts again and deletes a desktop', async () => {
    const { service, gatewayDesktops, runtime, signals } = setup();
    const created = await service.create({
      owner: alice,
      imageId: 'linux-desktop',
      requestedAt: new Date(),
    });
    expect(created).toMatchObject({
      state: 'pending',
      name: 'Linux desktop',
      owner: alice,
      imageRef: 'labstage/desktop:latest',
      resources: { cpus: 1, memoryMiB: 1536, pids: 512 },
    });

    const running = await stateOf(service, created.id, 'running');
    expect(running.startedAt).not.toBeNull();
    expect(running.runtimeHandle).toMatch(/^[0-9a-f]{64}$/);
    expect(signals.statesOf(created.id)).toEqual([
      'pending',
      'starting',
      'running',
    ]);
    expect(signals.published[0]).toMatchObject({
      recipients: { type: 'user', entityRef: alice },
      channel: `desktops:${alice}`,
    });
    expect((await runtime.inspect(created.id))?.state).toBe('running');
    expect(launchRecords).toContainEqual({
      value: expect.any(Number),
      attributes: { image: 'linux-desktop' },
    });
    const endpoint = await gatewayDesktops.runningEndpoint(created.id);
    expect(endpoint).toMatchObject({
      kind: 'unix',
      vncPassword: expect.stringMatching(/^.{8}$/),
    });

    // The gateway hears about every exit from running.
    const left: string[] = [];
    gatewayDesktops.onLeftRunning(id => left.push(id));
    expect((await service.stop(created.id)).state).toBe('stopping');
    await stateOf(service, created.id, 'stopped');
    expect(left).toEqual([created.id]);
    expect((await runtime.inspect(created.id))?.state).toBe('exited');
    expect(await gatewayDesktops.runningEndpoint(created.id)).toBeUndefined();

    expect((await service.start(created.id, new Date())).state).toBe(
      'starting',
    );
    await stateOf(service, created.id, 'running');
    await expect(service.start(created.id, new Date())).rejects.toThrow(
      'The desktop is already running',
    );

    const renamed = await service.rename(created.id, 'Lab 1');
    expect(renamed.name).toBe('Lab 1');

    await service.delete(created.id);
    expect(await service.find(created.id)).toBeUndefined();
    expect(await runtime.inspect(created.id)).toBeUndefined();
    expect(left).toEqual([created.id, created.id]);
    expect(signals.published.at(-1)?.message).toEqual({
      type: 'desktop-deleted',
      id: created.id,
    });
  });

  it('refuses a launch over the running quota with a clear 409, and clamps resources to the role caps', async () => {
    const { service } = setup({
      settings: s => {
        s.quota.roles.student = { maxMemoryMiB: 1024 };
      },
    });
    const first = await service.create({
      owner: bob,
      imageId: 'linux-desktop',
      requestedAt: new Date(),
    });
    const second = await service.create({
      owner: bob,
      imageId: 'linux-desktop',
      requestedAt: new Date(),
    });
    expect(first.resources).toEqual({ cpus: 1, memoryMiB: 1024, pids: 512 });
    expect(second.name).toBe('Linux desktop 2');
    expect(await service.quota(bob)).toEqual({ maxRunning: 2, running: 2 });

    const refused = service.create({
      owner: bob,
      imageId: 'linux-desktop',
      requestedAt: new Date(),
    });
    await expect(refused).rejects.toMatchObject({
      name: 'ConflictError',
      message:
        'You already have 2 desktops running (your limit is 2). Stop one to launch another.',
    });

    await stateOf(service, first.id, 'running');
    await stateOf(service, second.id, 'running');
    await service.stop(first.id);
    await stateOf(service, first.id, 'stopped');
    const third = await service.create({
      owner: bob,
      imageId: 'linux-desktop',
      requestedAt: new Date(),
    });
    // Starting the stopped one would make three.
    await expect(service.start(first.id, new Date())).rejects.toThrow(
      'You already have 2 desktops running (your limit is 2)',
    );
    await expect(
      service.create({ owner: bob, imageId: 'nope', requestedAt: new Date() }),
    ).rejects.toMatchObject({ name: 'InputError' });

    await stateOf(service, third.id, 'running');
    for (const d of [first, second, third]) await service.delete(d.id);
  });

  it('marks a crashed desktop as error from the event stream, and starts it again with its home intact', async () => {
    const { service, runtime } = setup();
    const created = await service.create({
      owner: alice,
      imageId: 'linux-desktop',
      requestedAt: new Date(),
    });
    await stateOf(service, created.id, 'running');
    await runtime.uploadFile(created.id, {
      name: 'notes.txt',
      content: Readable.from([Buffer.from('kept across crashes\n')]),
      maxBytes: 1024,
    });

    // No full reconciler pass runs here: only the runtime's event stream.
    await run('docker', ['kill', `labstage-desktop-${created.id}`]);
    const failed = await waitFor(
      'the crash to be noticed',
      async () => {
        const d = await service.find(created.id);
        return d?.state === 'error' ? d : undefined;
      },
      10_000,
    );
    expect(failed.stateReason).toBe(
      'The desktop was killed (exit code 137). Start it again; your home folder is kept.',
    );

    await service.start(created.id, new Date());
    await stateOf(service, created.id, 'running');
    const file = await runtime.downloadFile(created.id, 'Uploads/notes.txt', {
      maxBytes: 1024,
    });
    const chunks: Buffer[] = [];
    for await (const chunk of file.content) chunks.push(Buffer.from(chunk));
    expect(Buffer.concat(chunks).toString()).toBe('kept across crashes\n');
    await service.delete(created.id);
  });

  it('fails a launch whose image is missing, with a readable reason', async () => {
    const { service } = setup({
      catalog: ImageCatalog.of([
        {
          ...DEFAULT_DESKTOP_IMAGES[0],
          id: 'missing',
          image: 'labstage/not-built:latest',
        },
      ]),
    });
    const created = await service.create({
      owner: alice,
      imageId: 'missing',
      requestedAt: new Date(),
    });
    const failed = await stateOf(service, created.id, 'error');
    expect(failed.stateReason).toMatch(
      /^The desktop could not start: .*labstage\/not-built:latest/,
    );
    await service.delete(created.id);
  });

  it('reports and stops a running desktop whose display password this backend cannot open, keeping its home', async () => {
    const before = setup();
    const created = await before.service.create({
      owner: bob,
      imageId: 'linux-desktop',
      requestedAt: new Date(),
    });
    await stateOf(before.service, created.id, 'running');
    for (const close of toClose.splice(0)) await close();

    // As after an update from the layout that kept the password beside the
    // socket, or a changed desktops.displayPasswordKey.
    const after = setup({
      vault: VncPasswordVault.fromSecret('some other display password key'),
    });
    expect(
      await after.gatewayDesktops.runningEndpoint(created.id),
    ).toBeUndefined();
    await after.reconciler.runOnce();
    const failed = await stateOf(after.service, created.id, 'error');
    expect(failed.stateReason).toBe(
      'Labstage was updated while this desktop ran, and it can no longer be reached. Start it again; your home folder is kept.',
    );
    expect((await after.runtime.inspect(created.id))?.state).toBe('exited');
    await expect(
      run('docker', ['volume', 'inspect', `labstage-home-${created.id}`]),
    ).resolves.toBeDefined();

    // Starting it again issues a password this backend knows.
    await after.service.start(created.id, new Date());
    await stateOf(after.service, created.id, 'running');
    expect(
      await after.gatewayDesktops.runningEndpoint(created.id),
    ).toBeDefined();
    await after.service.delete(created.id);
  });

  it('re-adopts running desktops after a restart, stops containers without a record and idle desktops', async () => {
    const teacherQuota = (s: DesktopsSettings) => {
      s.quota.roles.instructor = { maxRunning: 5 };
    };
    const before = setup({ settings: teacherQuota });
    const desktops: DesktopRecord[] = [];
    for (let i = 0; i < 4; i++) {
      desktops.push(
        await before.service.create({
          owner: teacher,
          imageId: 'linux-desktop',
          requestedAt: new Date(),
        }),
      );
    }
    for (const d of desktops) await stateOf(before.service, d.id, 'running');
    // The old backend goes away.
    for (const close of toClose.splice(0)) await close();

    const [a, b, c, orphan] = desktops;
    // A restart mid-launch leaves `starting`; a stale error is also corrected.
    await knex('desktops').where({ id: b.id }).update({ state: 'starting' });
    await knex('desktops').where({ id: c.id }).update({ state: 'error' });
    // A container whose record is gone (e.g. a restored database backup).
    await knex('desktops').where({ id: orphan.id }).delete();

    const after = setup({ settings: teacherQuota });
    await after.reconciler.runOnce();
    for (const d of [a, b, c]) {
      expect((await after.service.find(d.id))?.state).toBe('running');
    }
    // ...and stay connectable: the new backend knows each display's socket
    // and password, and the gateway's display login succeeds.
    const pool = new ReadBufferPool(64 * 1024, 4);
    for (const d of [a, b, c]) {
      const endpoint = await after.gatewayDesktops.runningEndpoint(d.id);
      expect(endpoint).toBeDefined();
      const display = await openDisplay(endpoint!, { timeoutMs: 10_000, pool });
      display.socket.destroy();
    }
    const orphanStatus = await after.runtime.inspect(orphan.id);
    expect(orphanStatus?.state).toBe('exited'); // stopped, not removed
    await expect(
      run('docker', ['volume', 'inspect', `labstage-home-${orphan.id}`]),
    ).resolves.toBeDefined();

    // Idle stop: nothing used `a` for over an hour.
    const longAgo = new Date(Date.now() - 61 * 60_000).toISOString();
    await knex('desktops').where({ id: a.id }).update({
      started_at: longAgo,
      last_input_at: null,
      last_viewer_at: null,
    });
    // `b` had a viewer recently and stays up.
    await knex('desktops').where({ id: b.id }).update({
      started_at: longAgo,
      last_viewer_at: new Date().toISOString(),
    });
    await after.reconciler.runOnce();
    const idle = await stateOf(after.service, a.id, 'stopped');
    expect(idle.stateReason).toBe('Stopped after 60 minutes without use');
    expect((await after.service.find(b.id))?.state).toBe('running');

    for (const d of [a, b, c]) await after.service.delete(d.id);
    await after.runtime.remove(orphan.id);
  });
});
