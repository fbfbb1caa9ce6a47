import type { Duplex } from 'node:stream';
import type {
  DesktopRuntime,
  DesktopRuntimeSpec,
  DisplayAddress,
  RuntimeCapacity,
} from '../../runtime/DesktopRuntime';

/**
 * What a shell command run inside a desktop printed and how it ended.
 *
 * @public
 */
export type RuntimeConformanceExecResult = {
  stdout: string;
  exitCode: number;
};

/**
 * The screen as a viewer first sees it through the gateway: the RFB
 * ServerInit and the first FramebufferUpdate answering a full,
 * non-incremental FramebufferUpdateRequest.
 *
 * @public
 */
export type RuntimeConformanceFrame = {
  width: number;
  height: number;
  /** Desktop name from ServerInit. */
  name: string;
  /** Pixels the first update's rectangles cover. */
  updatedPixels: number;
};

/**
 * How long the suite waits, in milliseconds.
 *
 * @public
 */
export type RuntimeConformanceTimeouts = {
  /** One case, start to end (several starts, stops and a gateway session). Default 180 s. */
  caseMs: number;
  /** One runtime event (`watch`) or state change to show. Default 30 s. */
  eventMs: number;
  /** The display to greet after `start` resolved. Default 30 s. */
  displayMs: number;
};

/**
 * One engine, as the runtime conformance suite drives it. The driver under
 * test is only ever used through `DesktopRuntime`; everything else the
 * suite needs from the engine (running a shell in a desktop, wiping what a
 * case left behind) comes from here, so the cases stay engine-neutral.
 *
 * @public
 */
export type RuntimeConformanceHarness = {
  /** The engine, for test titles: `docker`, `kubernetes`. */
  name: string;

  /**
   * A new driver instance on the engine, built as a backend process builds
   * it at start-up. The suite makes one for the shared cases; the
   * re-adoption case makes more, each modelling a restarted backend (new
   * process state, same engine, deployment and configuration).
   */
  createRuntime(): Promise<DesktopRuntime>;

  /** Releases what `createRuntime` made (clients, port-forwards), never the desktops. */
  disposeRuntime?(runtime: DesktopRuntime): Promise<void>;

  /**
   * A spec for `desktopId` on this engine: an image it can run, resources
   * the desktop image works with (at least 256 MiB), an owner entity ref and
   * an 8-character VNC password. `overrides` win.
   */
  spec(
    desktopId: string,
    overrides?: Partial<DesktopRuntimeSpec>,
  ): DesktopRuntimeSpec;

  /** A desktop id no other case or run uses (the ids the service makes: [a-z0-9], short). */
  newDesktopId(): string;

  /**
   * Runs `command` with `sh -c` inside the running desktop as its user
   * (uid 1000, `HOME` its home). Resolves with stdout and the exit code,
   * whatever the code; rejects only when it cannot run the command at all.
   */
  exec(
    desktopId: string,
    command: string,
  ): Promise<RuntimeConformanceExecResult>;

  /**
   * Opens the desktop's display the way a viewer does: through the real
   * gateway (a connect ticket, a WebSocket, the RFB handshake the gateway
   * speaks to browsers), logging in to the display with `vncPassword`, then
   * reads the first FramebufferUpdate. Waits for the display to come up
   * first. Rejects when the gateway refuses or closes the connection.
   * desktops-backend's `gatewayFirstFrame` (its `./testUtils` entry) does
   * all of this for any driver.
   */
  firstFrameThroughGateway(
    runtime: DesktopRuntime,
    desktopId: string,
    vncPassword: string,
  ): Promise<RuntimeConformanceFrame>;

  /**
   * Opens a byte stream to a display address as the backend would (for
   * `unix`: refusing links and foreign sockets). The stream must be
   * connected, or failed, when the promise settles. Defaults to a plain
   * `net.connect` to the path or host and port.
   */
  connectDisplay?(address: DisplayAddress): Promise<Duplex>;

  /**
   * Removes every trace of a desktop (workload, home, secrets, folders)
   * straight through the engine, whatever state it is in and whether or not
   * it exists; the suite calls it after each case for the desktops the case
   * made, so a failing driver leaves nothing behind.
   */
  cleanup(desktopId: string): Promise<void>;

  /**
   * What the engine says it can give desktops, read straight from it and
   * not through the driver (`docker info`; the schedulable nodes as
   * cluster-admin), for `capacity()` to be compared with.
   */
  engineCapacity(): Promise<RuntimeCapacity>;

  /** Called once after the last case (e.g. to remove a run folder). */
  teardown?(): Promise<void>;

  /**
   * Set when this engine cannot run a desktop here, with the reason (e.g.
   * "a control plane without a node: pods stay Pending"). The cases that
   * need a running workload are then skipped, and one case prints which and
   * why; the cases that need none still run. Leave it unset wherever
   * desktops can run: a skip must never hide a failure.
   */
  unavailable?: string;

  timeouts?: Partial<RuntimeConformanceTimeouts>;
};

export const DEFAULT_TIMEOUTS: RuntimeConformanceTimeouts = {
  caseMs: 180_000,
  eventMs: 30_000,
  displayMs: 30_000,
};
