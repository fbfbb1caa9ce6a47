/**
 * Harbor as the image registry of the desktops plugin: a backend module
 * that installs `HarborRegistry` through `imageRegistryExtensionPoint`.
 *
 * @packageDocumentation
 */

export { desktopsModuleHarbor as default } from './module';
export { HarborRegistry } from './HarborRegistry';
export type { HarborRegistryOptions } from './HarborRegistry';
