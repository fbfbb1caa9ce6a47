import {
  createExtensionPoint,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { ImageRegistry } from './ImageRegistry';

/**
 * Builds the image registry the desktops plugin saves desktops to; called
 * once, when the plugin starts.
 *
 * @public
 */
export type ImageRegistryFactory = (deps: {
  config: RootConfigService;
  logger: LoggerService;
}) => ImageRegistry;

/**
 * Lets a backend module (`desktops-backend-module-harbor`) replace the image
 * registry (default: the OCI Distribution registry of `desktops.registry`).
 *
 * @public
 */
export interface ImageRegistryExtensionPoint {
  /** Installs the registry. A second call throws: one registry per backend. */
  setRegistryFactory(factory: ImageRegistryFactory): void;
}

/**
 * The extension point of the desktops plugin through which a module installs
 * its image registry.
 *
 * @public
 */
export const imageRegistryExtensionPoint =
  createExtensionPoint<ImageRegistryExtensionPoint>({
    id: 'desktops.image-registry',
  });
