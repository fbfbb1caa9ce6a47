import { execFile } from 'node:child_process';
import { EventEmitter } from 'node:events';
import net from 'node:net';
import { promisify } from 'node:util';
import { DisplayEndpoint } from '@internal/backstage-plugin-desktops-node';
import { GatewayDesktops } from '../gateway/GatewayDesktops';
import { DockerDesktopRuntime } from '../runtime/DockerDesktopRuntime';

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
