/**
 * Labstage desktops backend: lifecycle service, REST API, reconciler and
 * display gateway.
 *
 * @packageDocumentation
 */

export { desktopsPlugin as default } from './plugin';
export { desktopRuntimeExtensionPoint } from './service/runtimeExtension';
export type {
  DesktopRuntimeExtensionPoint,
  RuntimeFactory,
} from './service/runtimeExtension';
export type {
  DesktopRuntime,
  DesktopRuntimeSpec,
  DisplayEndpoint,
  RuntimeStatus,
  RuntimeEvent,
  DesktopFileDownload,
} from './runtime/DesktopRuntime';
