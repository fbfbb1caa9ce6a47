import {
  createExtensionPoint,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { DesktopRuntime } from '../runtime/DesktopRuntime';

/** Builds the runtime the desktops plugin drives. */
export type RuntimeFactory = (deps: {
  config: RootConfigService;
  logger: LoggerService;
}) => DesktopRuntime;

/**
 * Lets a backend module replace the desktop runtime (default: the Docker
 * driver configured by `desktops.docker.*`), e.g. with a Kubernetes driver.
 *
 * @public
 */
export interface DesktopRuntimeExtensionPoint {
  setRuntimeFactory(factory: RuntimeFactory): void;
}

/** @public */
export const desktopRuntimeExtensionPoint =
  createExtensionPoint<DesktopRuntimeExtensionPoint>({
    id: 'desktops.runtime',
  });
