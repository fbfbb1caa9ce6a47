import fs from 'node:fs/promises';
import { mockServices } from '@backstage/backend-test-utils';
import { requiredTestDatabases } from '@internal/backstage-plugin-labstage-node/testUtils';
import { Knex } from 'knex';
import { createDesktops, DesktopsOptions } from '../createDesktops';
import { DEFAULT_DESKTOP_IMAGES, ImageCatalog } from '../images/catalog';
import { Reconciler } from '../reconciler/Reconciler';
import { DockerDesktopRuntime } from '../runtime/DockerDesktopRuntime';
import { defaultDesktopsSettings } from '../service/settings';
import { applyMigrations, createDesktopsStore } from '../store';
import { VncPasswordVault } from '../vnc/VncPasswordVault';
import { offlineDockerRuntime, requireDesktopImage } from './dockerTestRuntime';
import { RecordingSignals } from './recordingSignals';
import { fixedDirectory } from './testAccounts';

/**
 * The set-up of a describe block on real desktop containers (Docker, image
 * labstage/desktop:latest, offline) and SQLite and PostgreSQL; call it in
 * the block. It checks the image first, makes a run folder under the short
 * `runDirPrefix` (the display socket path must stay under the unix socket
 * limit), closes the backends after each test and removes the containers
 * labelled `deploymentId` after all of them (`removeEach`: after each).
 */
export function realDesktopsSuite(options: {
  label: string;
  deploymentId: string;
  runDirPrefix: string;
  removeEach?: boolean;
}) {
  const databases = requiredTestDatabases(options.label);
  const vault = VncPasswordVault.fromSecret(`${options.label} key`);
  let runDir: string;
  const toClose: Array<() => Promise<void> | void> = [];

  function newRuntime() {
    return offlineDockerRuntime({ runDir, deploymentId: options.deploymentId });
  }

  async function removeDesktops() {
    const runtime = newRuntime();
    for (const status of await runtime.list()) {
      await runtime.remove(status.desktopId);
    }
  }

  /** Closes what `onClose` was given, the latest first. */
  async function closeBackends() {
    for (const close of toClose.splice(0).reverse()) await close();
  }

  /** A migrated database. */
  async function init(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    await applyMigrations(knex);
    return knex;
  }

  /**
   * One backend's desktops on `knex` (a second call on the same database is
   * a restart): `createDesktops` with the test defaults and a fresh runtime,
   * closed by `closeBackends`.
   */
  function desktops(
    knex: Knex,
    overrides: Partial<DesktopsOptions> & {
      runtime?: DockerDesktopRuntime;
    } = {},
  ) {
    const runtime = overrides.runtime ?? newRuntime();
    const store = overrides.store ?? createDesktopsStore(knex);
    const logger = overrides.logger ?? mockServices.logger.mock();
    const settings = overrides.settings ?? defaultDesktopsSettings();
    const parts = createDesktops({
      catalog: ImageCatalog.of(DEFAULT_DESKTOP_IMAGES),
      directory: fixedDirectory,
      signals: new RecordingSignals(),
      vault,
      ...overrides,
      runtime,
      store,
      logger,
      settings,
    });
    toClose.push(() => parts.service.close());
    return { ...parts, runtime, store, logger };
  }

  /** `desktops`, with a watching reconciler (no idle stop), stopped first. */
  function reconciledDesktops(
    knex: Knex,
    overrides: Parameters<typeof desktops>[1] = {},
  ) {
    const parts = desktops(knex, overrides);
    const reconciler = new Reconciler({
      service: parts.service,
      decisions: parts.decisions,
      runtime: parts.runtime,
      logger: parts.logger,
      idleStopMinutes: 0,
    });
    reconciler.watch();
    toClose.push(() => reconciler.stop());
    return { ...parts, reconciler };
  }

  beforeAll(async () => {
    await requireDesktopImage();
    runDir = await fs.mkdtemp(options.runDirPrefix);
  });

  afterEach(async () => {
    await closeBackends();
    if (options.removeEach) await removeDesktops();
  });

  afterAll(async () => {
    await removeDesktops();
    await fs.rm(runDir, { recursive: true, force: true });
  });

  return {
    databases,
    init,
    newRuntime,
    desktops,
    reconciledDesktops,
    closeBackends,
    /** Runs `close` at the next `closeBackends` (before the desktops made earlier). */
    onClose(close: () => Promise<void> | void) {
      toClose.push(close);
    },
  };
}
