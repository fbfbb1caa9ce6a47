import { execFile } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { promises as fs } from 'node:fs';
import net from 'node:net';
import { promisify } from 'node:util';
import { LoggerService } from '@backstage/backend-plugin-api';
import { DisplayEndpoint } from '@internal/backstage-plugin-desktops-node';
import { ConnectTickets } from '../gateway/ConnectTickets';
import { DesktopGateway } from '../gateway/createGateway';
import { GatewayDesktops } from '../gateway/GatewayDesktops';
import { DockerDesktopRuntime } from '../runtime/DockerDesktopRuntime';
import { openRfbClient, RfbTestClient } from '../testUtils/rfbClient';
import { dockerTestRuntime } from './dockerTestRuntime';

// Helpers of the gateway tests that run real desktops (gateway.test.ts,
// gatewaySharing.test.ts).

const execFileAsync = promisify(execFile);

/** The lifecycle service as the gateway sees it, backed by the real runtime. */
export class TestDesktops implements GatewayDesktops {
  readonly running = new Set<string>();
  readonly activity: Array<{ desktopId: string; kind: 'input' | 'viewer' }> =
    [];
  readonly #events = new EventEmitter();
  constructor(
    private readonly runtime: DockerDesktopRuntime,
    private readonly displayPassword: string,
    /** The owner of every test desktop. */
    readonly owner: string,
  ) {}

  async runningEndpoint(
    desktopId: string,
  ): Promise<DisplayEndpoint | undefined> {
    if (!this.running.has(desktopId)) return undefined;
    // As the lifecycle service: a container that is not running has no display.
    const address = await this.runtime
      .endpoint(desktopId)
      .catch(() => undefined);
    return address && { ...address, vncPassword: this.displayPassword };
  }
  async ownerOf(desktopId: string): Promise<string | undefined> {
    return this.running.has(desktopId) ? this.owner : undefined;
  }
  recordActivity(desktopId: string, kind: 'input' | 'viewer') {
    this.activity.push({ desktopId, kind });
  }
  onLeftRunning(listener: (desktopId: string) => void) {
    this.#events.on('left', listener);
    return () => this.#events.off('left', listener);
  }
  leaveRunning(desktopId: string) {
    this.running.delete(desktopId);
    this.#events.emit('left', desktopId);
  }
}

const IMAGE = 'labstage/desktop:latest';

/**
 * One real desktop for a gateway test, in a fresh Docker test runtime:
 * checks that Docker and the desktop image are there, starts `desktopId`
 * for `owner`, and waits until its display greets and its terminal runs.
 * `desktops` is the lifecycle service as the gateway sees it, with the
 * desktop running; `start` runs it again after a test stopped it; `remove`
 * removes it and the run folder.
 */
export async function startGatewayTestDesktop(options: {
  runDirPrefix: string;
  deploymentId: string;
  desktopId: string;
  owner: string;
  displayPassword: string;
  logger: LoggerService;
}) {
  const { desktopId, owner, displayPassword } = options;
  await execFileAsync('docker', ['image', 'inspect', IMAGE]).catch(() => {
    throw new Error(
      `Docker or the image ${IMAGE} is missing; run scripts/test (it starts both)`,
    );
  });
  const { runtime, runDir } = await dockerTestRuntime(options);
  const desktops = new TestDesktops(runtime, displayPassword, owner);
  const start = async () => {
    await runtime.start({
      desktopId,
      owner,
      imageRef: IMAGE,
      resources: { cpus: 1, memoryMiB: 1024, pids: 512 },
      vncPassword: displayPassword,
    });
    desktops.running.add(desktopId);
    await waitForDisplay(
      ((await runtime.endpoint(desktopId)) as { path: string }).path,
    );
    await waitForTerminal(desktopId);
  };
  const remove = async () => {
    await runtime.remove(desktopId).catch(() => undefined);
    await fs.rm(runDir, { recursive: true, force: true });
  };
  try {
    await start();
  } catch (error) {
    await remove();
    throw error;
  }
  return { runtime, desktops, start, remove };
}

/**
 * Ends the clients a test opened; each test starts from zero connections
 * (the gateway sees the ends asynchronously).
 */
export async function endClients(
  clients: RfbTestClient[],
  gateway: DesktopGateway,
): Promise<void> {
  for (const client of clients.splice(0)) client.ws.terminate();
  if (!(await eventually(async () => gateway.connectionCount() === 0, 5_000))) {
    throw new Error('gateway connections were left open');
  }
}

/**
 * `user` connects to `desktopId` through the gateway at `baseUrl` with a
 * fresh ticket for `mode`, as the viewer does, past the RFB handshake; the
 * client joins `clients` (for `endClients`).
 */
export async function connectWithTicket(options: {
  baseUrl: string;
  tickets: ConnectTickets;
  clients: RfbTestClient[];
  desktopId: string;
  user: string;
  mode: 'view' | 'control';
}): Promise<RfbTestClient> {
  const { desktopId, mode } = options;
  const { ticket } = await options.tickets.issue({
    desktopId,
    userEntityRef: options.user,
    mode,
  });
  const client = await openRfbClient(
    `${options.baseUrl}/api/desktops/connect?ticket=${ticket}&mode=${mode}&desktop=${desktopId}`,
  );
  options.clients.push(client);
  await client.handshake();
  return client;
}

/** Whether `client`'s connection is still open `ms` from now (not cut). */
export async function stillOpen(
  client: RfbTestClient,
  ms = 300,
): Promise<boolean> {
  const outcome = await Promise.race([
    client.ended,
    new Promise(resolve => setTimeout(() => resolve('open'), ms)),
  ]);
  return outcome === 'open';
}

/** Resolves once the display socket greets with `RFB `. */
export async function waitForDisplay(path: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const greeting = await new Promise<string>(resolve => {
      const socket = net.connect({ path });
      socket.once('data', data => {
        socket.destroy();
        resolve(data.toString('latin1'));
      });
      socket.once('error', () => resolve(''));
    });
    if (greeting.startsWith('RFB ')) return;
    await new Promise(r => setTimeout(r, 200));
  }
  throw new Error(`Display ${path} did not come up`);
}

/** Resolves once lxterminal runs its shell, i.e. its window is up. */
export async function waitForTerminal(desktopId: string) {
  const shellRuns = async () => {
    const { stdout } = await execFileAsync('docker', [
      'exec',
      `labstage-desktop-${desktopId}`,
      'ps',
      '-eo',
      'ppid=,pid=,comm=',
    ]);
    const rows = stdout
      .trim()
      .split('\n')
      .map(l => l.trim().split(/\s+/));
    const terminal = rows.find(([, , comm]) => comm === 'lxterminal');
    return Boolean(
      terminal &&
        rows.some(([ppid, , comm]) => ppid === terminal[1] && comm === 'bash'),
    );
  };
  if (!(await eventually(shellRuns, 30_000))) {
    throw new Error('lxterminal did not start in the desktop');
  }
  // openbox maps and focuses the window right after the shell starts
  await new Promise(r => setTimeout(r, 500));
}

export async function homeFileExists(
  desktopId: string,
  name: string,
): Promise<boolean> {
  try {
    await execFileAsync('docker', [
      'exec',
      `labstage-desktop-${desktopId}`,
      'test',
      '-f',
      `/home/student/${name}`,
    ]);
    return true;
  } catch {
    return false;
  }
}

export async function eventually(
  check: () => Promise<boolean>,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise(r => setTimeout(r, 250));
  }
}
