import {
  createExtensionPoint,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { DesktopRuntime } from './DesktopRuntime';

/**
 * Builds the runtime the desktops plugin drives; called once, when the
 * plugin starts.
 *
 * @public
 */
export type RuntimeFactory = (deps: {
  config: RootConfigService;
  logger: LoggerService;
}) => DesktopRuntime;

/**
 * Lets a backend module (`desktops-backend-module-<engine>`) replace the
 * desktop runtime (default: the Docker driver configured by
 * `desktops.docker.*`), e.g. with a Kubernetes driver.
 *
 * @public
 */
export interface DesktopRuntimeExtensionPoint {
  /**
   * Installs the runtime. One runtime per backend: a second call throws, so
   * two runtime modules stop the backend at startup instead of one of them
   * silently winning.
   */
  setRuntimeFactory(factory: RuntimeFactory): void;
}

/**
 * The extension point of the desktops plugin through which a module installs
 * its runtime.
 *
 * @public
 */
export const desktopRuntimeExtensionPoint =
  createExtensionPoint<DesktopRuntimeExtensionPoint>({
    id: 'desktops.runtime',
  });
