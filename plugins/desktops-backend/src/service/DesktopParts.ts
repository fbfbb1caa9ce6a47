import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import { AccountsDirectory } from '@internal/backstage-plugin-accounts-node';
import {
  DesktopRuntime,
  ImageRegistry,
} from '@internal/backstage-plugin-desktops-node';
import { RunRecorder } from '../quotas/RunRecorder';
import { ShareChanges } from '../sharing/ShareChanges';
import { DesktopsStore } from '../store';
import { VncPasswordVault } from '../vnc/VncPasswordVault';
import { ActivityRecorder } from './ActivityRecorder';
import { DesktopLauncher } from './DesktopLauncher';
import { DesktopTransitions } from './DesktopTransitions';
import { DisplayPasswords } from './DisplayPasswords';
import { KeyedQueue } from './KeyedQueue';
import { OwnerQuotas } from './OwnerQuotas';
import { DesktopsSettings } from './settings';

export type DesktopPartsOptions = {
  store: DesktopsStore;
  runtime: DesktopRuntime;
  /** Where desktops are saved to and course environments pulled from. */
  registry?: ImageRegistry;
  directory: AccountsDirectory;
  signals: SignalsService;
  logger: LoggerService;
  settings: DesktopsSettings;
  /** Seals display passwords in the database (`desktops.displayPasswordKey`). */
  vault: VncPasswordVault;
  /** How long a launch waits for the display's RFB greeting. Default 20 s. */
  readyTimeoutMs?: number;
};

/**
 * The desktops domain's moving parts, built once per backend and shared by
 * the lifecycle (`DesktopService`), the reconcile decisions and the gateway
 * adapter, so that all of them go through one operation queue, one launcher
 * and one set of transitions.
 */
export type DesktopParts = {
  store: DesktopsStore;
  runtime: DesktopRuntime;
  registry?: ImageRegistry;
  logger: LoggerService;
  settings: DesktopsSettings;
  /**
   * Runtime work, one operation at a time per desktop id, so a stop, a
   * launch and the reconciler's corrections never interleave on the same
   * workload.
   */
  queue: KeyedQueue;
  transitions: DesktopTransitions;
  passwords: DisplayPasswords;
  /** Launches owned by this process, from request until running or failed. */
  launcher: DesktopLauncher;
  activity: ActivityRecorder;
  quotas: OwnerQuotas;
  /** Share changes, published after they are written (see ShareChanges). */
  shareChanges: ShareChanges;
};

export function createDesktopParts(options: DesktopPartsOptions): DesktopParts {
  const { store, runtime, logger, settings } = options;
  const transitions = new DesktopTransitions(
    store,
    options.signals,
    logger,
    new RunRecorder(store.runIntervals, logger),
  );
  const passwords = new DisplayPasswords(
    store.displayPasswords,
    options.vault,
    logger,
  );
  return {
    store,
    runtime,
    registry: options.registry,
    logger,
    settings,
    queue: new KeyedQueue(),
    transitions,
    passwords,
    launcher: new DesktopLauncher({
      runtime,
      registry: options.registry,
      transitions,
      passwords,
      logger,
      readyTimeoutMs: options.readyTimeoutMs ?? 20_000,
      runningWorkloadIsReady: settings.simulation.runningWorkloadIsReady,
    }),
    activity: new ActivityRecorder(store, logger),
    quotas: new OwnerQuotas(store, options.directory, settings, logger),
    shareChanges: new ShareChanges(logger),
  };
}
