import type { Duplex } from 'node:stream';
import type {
  DesktopRuntime,
  DesktopRuntimeSpec,
  DisplayAddress,
  RuntimeEvent,
  RuntimeStatus,
} from '../../runtime/DesktopRuntime';
import { connectPlainly, readDisplayGreeting } from './displayGreeting';
import { EventRecorder } from './eventRecorder';
import { waitFor } from '../waitFor';
import type {
  RuntimeConformanceHarness,
  RuntimeConformanceTimeouts,
} from './harness';

/** One case of the suite. */
export type ConformanceCase = {
  title: string;
  /**
   * False only for cases that never start a workload: those still run where
   * the harness says the engine cannot run desktops.
   */
  needsWorkload: boolean;
  run(context: ConformanceContext): Promise<void>;
};

/**
 * What the cases share: the harness, the runtime made before the first
 * case with a `watch` recording its events, and bookkeeping so that every
 * desktop and extra runtime a case makes is cleaned up after it.
 */
export class ConformanceContext {
  readonly events = new EventRecorder();
  #runtime: DesktopRuntime | undefined;
  #desktops: string[] = [];
  #runtimes = new Set<DesktopRuntime>();
  #unsubscribes: Array<() => void> = [];

  constructor(
    readonly harness: RuntimeConformanceHarness,
    readonly timeouts: RuntimeConformanceTimeouts,
  ) {}

  /** The runtime made before the first case; its events are in `events`. */
  get runtime(): DesktopRuntime {
    if (!this.#runtime) throw new Error('The shared runtime was not created');
    return this.#runtime;
  }

  set runtime(runtime: DesktopRuntime) {
    this.#runtime = runtime;
  }

  /** A fresh desktop id, cleaned up after the case. */
  newDesktopId(): string {
    const id = this.harness.newDesktopId();
    this.#desktops.push(id);
    return id;
  }

  spec(
    desktopId: string,
    overrides?: Partial<DesktopRuntimeSpec>,
  ): DesktopRuntimeSpec {
    return this.harness.spec(desktopId, overrides);
  }

  /** Starts a new desktop on `runtime` (the shared one by default). */
  async startNew(
    overrides?: Partial<DesktopRuntimeSpec>,
    runtime: DesktopRuntime = this.runtime,
  ): Promise<{ id: string; spec: DesktopRuntimeSpec; handle: string }> {
    const id = this.newDesktopId();
    const spec = this.spec(id, overrides);
    const { handle } = await runtime.start(spec);
    return { id, spec, handle };
  }

  /** Another runtime instance (a restarted backend), disposed after the case at the latest. */
  async createRuntime(): Promise<DesktopRuntime> {
    const runtime = await this.harness.createRuntime();
    this.#runtimes.add(runtime);
    return runtime;
  }

  /** Disposes a runtime from `createRuntime` now (its backend process ends). */
  async disposeRuntime(runtime: DesktopRuntime): Promise<void> {
    if (this.#runtimes.delete(runtime)) {
      await this.harness.disposeRuntime?.(runtime);
    }
  }

  /** Subscribes to `runtime`'s events until the end of the case. */
  record(runtime: DesktopRuntime): EventRecorder {
    const recorder = new EventRecorder();
    this.#unsubscribes.push(runtime.watch(recorder.listener));
    return recorder;
  }

  /** Runs `command` in the desktop and returns stdout; fails on a non-zero exit. */
  async shell(desktopId: string, command: string): Promise<string> {
    const { stdout, exitCode } = await this.harness.exec(desktopId, command);
    if (exitCode !== 0) {
      throw new Error(
        `\`${command}\` exited with ${exitCode} in desktop ${desktopId}: ${stdout}`,
      );
    }
    return stdout;
  }

  connect(address: DisplayAddress): Promise<Duplex> {
    return this.harness.connectDisplay
      ? this.harness.connectDisplay(address)
      : connectPlainly(address);
  }

  /** Waits until the desktop's display greets (what the service waits for before `running`). */
  async waitForDisplay(
    desktopId: string,
    runtime: DesktopRuntime = this.runtime,
  ): Promise<void> {
    const address = await runtime.endpoint(desktopId);
    await readDisplayGreeting(
      address,
      a => this.connect(a),
      this.timeouts.displayMs,
    );
  }

  /**
   * Runs a command that ends the desktop (kills its display). The command
   * may lose its own connection as the desktop goes down; the `died`
   * event the caller waits for decides, and a failure to run it at all is
   * in the returned text for the caller's message.
   */
  async runEnding(desktopId: string, command: string): Promise<string> {
    try {
      const { stdout, exitCode } = await this.harness.exec(desktopId, command);
      return `exit ${exitCode}: ${stdout}`;
    } catch (error) {
      return `exec failed: ${error}`;
    }
  }

  /** The `died` event of a desktop after `mark`, from `recorder`. */
  died(
    desktopId: string,
    mark: number,
    recorder: EventRecorder = this.events,
    context = '',
  ): Promise<RuntimeEvent> {
    return recorder.waitFor(
      e => e.desktopId === desktopId && e.type === 'died',
      mark,
      this.timeouts.eventMs,
      `died event for ${desktopId}${context ? ` (${context})` : ''}`,
    );
  }

  /** Polls `inspect` until the desktop is in `state`. */
  inState(
    desktopId: string,
    state: RuntimeStatus['state'],
    runtime: DesktopRuntime = this.runtime,
  ): Promise<RuntimeStatus> {
    return waitFor(
      `desktop ${desktopId} to be ${state}`,
      async () => {
        const status = await runtime.inspect(desktopId);
        return status?.state === state ? status : undefined;
      },
      this.timeouts.eventMs,
    );
  }

  /** After each case: releases its runtimes and watches, then wipes its desktops. */
  async cleanUpCase(): Promise<void> {
    const problems: unknown[] = [];
    for (const unsubscribe of this.#unsubscribes.splice(0)) unsubscribe();
    for (const runtime of [...this.#runtimes]) {
      try {
        await this.disposeRuntime(runtime);
      } catch (error) {
        problems.push(error);
      }
    }
    for (const id of this.#desktops.splice(0)) {
      try {
        await this.harness.cleanup(id);
      } catch (error) {
        problems.push(error);
      }
    }
    if (problems.length > 0) {
      throw new AggregateError(
        problems,
        `Cleaning up after the case failed: ${problems
          .map(p => (p instanceof Error ? p.stack ?? p.message : String(p)))
          .join('; ')}`,
      );
    }
  }
}
