import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { promisify } from 'node:util';
import { mockServices } from '@backstage/backend-test-utils';
import {
  ConnectMode,
  DesktopState,
} from '@internal/backstage-plugin-desktops-common';
import { Knex } from 'knex';
import { DatabaseConnectTickets } from '../gateway/ConnectTickets';
import { createGateway, DesktopGateway } from '../gateway/createGateway';
import { DEFAULT_DESKTOP_IMAGES, ImageCatalog } from '../images/catalog';
import { Reconciler } from '../reconciler/Reconciler';
import { DockerDesktopRuntime } from '../runtime/DockerDesktopRuntime';
import { createDesktops } from '../createDesktops';
import { DesktopService } from '../service/DesktopService';
import { defaultDesktopsSettings } from '../service/settings';
import { applyMigrations, createDesktopsStore } from '../store';
import { VncPasswordVault } from '../vnc/VncPasswordVault';
import { fixedDirectory } from './testAccounts';
import { RecordingSignals } from './recordingSignals';
import { serveGateway } from '../testUtils/serveGateway';
import { openRfbClient, RfbTestClient } from '../testUtils/rfbClient';
import { waitFor } from '@internal/backstage-plugin-desktops-node/testUtils';

const run = promisify(execFile);

/**
 * The desktops backend's real parts, wired as the plugin wires them: the
 * lifecycle service on SQLite, the Docker runtime with real containers of
 * the desktop image, connect tickets and the gateway behind Backstage's root
 * HTTP router. For tests that play a hostile student inside a desktop.
 */
export class HostileDesktopHarness {
  readonly clients: RfbTestClient[] = [];

  private constructor(
    readonly runDir: string,
    readonly runtime: DockerDesktopRuntime,
    readonly service: DesktopService,
    readonly tickets: DatabaseConnectTickets,
    readonly gateway: DesktopGateway,
    private readonly reconciler: Reconciler,
    private readonly server: { baseUrl: string; close(): Promise<void> },
  ) {}

  static async start(
    knex: Knex,
    options: { deploymentId: string; maxConnectionsPerDesktop?: number },
  ): Promise<HostileDesktopHarness> {
    await run('docker', ['image', 'inspect', 'labstage/desktop:latest']).catch(
      error => {
        throw new Error(
          `These tests need Docker and the image labstage/desktop:latest (scripts/test builds it): ${error}`,
        );
      },
    );
    await applyMigrations(knex);
    const runDir = await fs.mkdtemp('/tmp/lsx-');
    const logger = mockServices.logger.mock();
    const runtime = new DockerDesktopRuntime({
      socketPath: '/var/run/docker.sock',
      network: 'none',
      runDir,
      deploymentId: options.deploymentId,
      logger,
    });
    const settings = defaultDesktopsSettings();
    settings.quota.maxRunningPerUser = 10;
    const { service, decisions, gatewayDesktops } = createDesktops({
      store: createDesktopsStore(knex),
      runtime,
      catalog: ImageCatalog.of(DEFAULT_DESKTOP_IMAGES),
      directory: fixedDirectory,
      signals: new RecordingSignals(),
      logger,
      settings,
      vault: VncPasswordVault.fromSecret('red team display password key'),
    });
    const reconciler = new Reconciler({
      service,
      decisions,
      runtime,
      logger,
      idleStopMinutes: 0,
    });
    reconciler.watch();
    const tickets = new DatabaseConnectTickets({ knex });
    const gateway = createGateway({
      logger,
      tickets,
      desktops: gatewayDesktops,
      maxConnectionsPerDesktop: options.maxConnectionsPerDesktop,
    });

    const server = await serveGateway(gateway, logger);
    return new HostileDesktopHarness(
      runDir,
      runtime,
      service,
      tickets,
      gateway,
      reconciler,
      server,
    );
  }

  /** Creates a desktop for `owner` and waits until it runs with its terminal up. */
  async launch(owner: string): Promise<string> {
    const created = await this.service.create({
      owner,
      imageId: 'linux-desktop',
      requestedAt: new Date(),
    });
    await this.waitForState(created.id, 'running');
    await this.waitForTerminal(created.id);
    return created.id;
  }

  async waitForState(id: string, state: DesktopState): Promise<void> {
    await waitFor(
      `desktop ${id} to be ${state}`,
      async () =>
        (await this.service.find(id))?.state === state ? true : undefined,
      60_000,
    ).catch(async error => {
      const d = await this.service.find(id);
      throw new Error(`${error.message}; it is ${d?.state}: ${d?.stateReason}`);
    });
  }

  /** Waits until a launch has ended either way; returns `running` or `error`. */
  async waitForSettled(id: string): Promise<DesktopState> {
    return waitFor(
      `desktop ${id} to finish starting`,
      async () => {
        const state = (await this.service.find(id))?.state;
        return state === 'running' || state === 'error' ? state : undefined;
      },
      60_000,
    );
  }

  /** Resolves once lxterminal runs its shell, so typed keys reach a prompt. */
  async waitForTerminal(id: string): Promise<void> {
    await waitFor(
      `the terminal of desktop ${id}`,
      async () => {
        const { stdout } = await this.exec(id, 'ps -eo ppid=,pid=,comm=');
        const rows = stdout
          .trim()
          .split('\n')
          .map(l => l.trim().split(/\s+/));
        const terminal = rows.find(([, , comm]) => comm === 'lxterminal');
        const shell =
          terminal &&
          rows.some(
            ([ppid, , comm]) => ppid === terminal[1] && comm === 'bash',
          );
        return shell ? true : undefined;
      },
      30_000,
    );
    // openbox maps and focuses the window right after the shell starts.
    await new Promise(r => setTimeout(r, 700));
  }

  /** Runs a shell script inside the desktop as the desktop user (uid 1000). */
  async exec(
    id: string,
    script: string,
  ): Promise<{ stdout: string; stderr: string }> {
    return run('docker', [
      'exec',
      '-u',
      '1000:1000',
      `labstage-desktop-${id}`,
      'sh',
      '-c',
      script,
    ]);
  }

  async homeFileExists(id: string, name: string): Promise<boolean> {
    return this.exec(id, `test -e "/home/student/${name}"`).then(
      () => true,
      () => false,
    );
  }

  /** Opens a gateway connection with a fresh ticket of `user` for `desktopId`. */
  async connect(
    desktopId: string,
    user: string,
    mode: ConnectMode = 'control',
  ): Promise<RfbTestClient> {
    const { ticket } = await this.tickets.issue({
      desktopId,
      userEntityRef: user,
      mode,
    });
    const client = await openRfbClient(
      `${this.server.baseUrl}/api/desktops/connect?ticket=${ticket}&mode=${mode}&desktop=${desktopId}`,
    );
    this.clients.push(client);
    return client;
  }

  async close(): Promise<void> {
    for (const client of this.clients.splice(0)) client.ws.terminate();
    this.reconciler.stop();
    this.gateway.close();
    await this.service.close();
    await this.server.close();
    for (const status of await this.runtime.list()) {
      await this.runtime.remove(status.desktopId).catch(() => undefined);
    }
    await fs.rm(this.runDir, { recursive: true, force: true });
  }
}
