/**
 * What backend modules of the desktops plugin build on: the runtime contract
 * and the extension point a runtime driver (`desktops-backend-module-<engine>`)
 * installs itself through, plus permission rules and conditions for the
 * desktop resource.
 *
 * @packageDocumentation
 */

export type {
  DesktopFileDownload,
  DesktopRuntime,
  DesktopRuntimeSpec,
  DisplayAddress,
  DisplayEndpoint,
  RuntimeCapacity,
  RuntimeEvent,
  RuntimeStatus,
  SaveImageRequest,
  BuildImageRequest,
} from './runtime/DesktopRuntime';
export { FileTooLargeError } from './runtime/errors';
export { desktopRuntimeExtensionPoint } from './runtime/extensionPoint';
export type {
  DesktopRuntimeExtensionPoint,
  RuntimeFactory,
} from './runtime/extensionPoint';

export { desktopResourceRef } from './resource';
export type { DesktopResource, DesktopQuery } from './resource';
export {
  isDesktopOwner,
  desktopPermissionRules,
  desktopPermissionRuleList,
} from './rules';
export type { DesktopRuleParams } from './rules';
export {
  desktopConditions,
  createDesktopConditionalDecision,
} from './conditions';

export type {
  ImageRegistry,
  RegistryArtifact,
  RegistryCredentials,
} from './registry/ImageRegistry';
export { RegistryError } from './registry/ImageRegistry';
export { imageRegistryExtensionPoint } from './registry/extensionPoint';
export type {
  ImageRegistryExtensionPoint,
  ImageRegistryFactory,
} from './registry/extensionPoint';

export {
  generateVncPassword,
  obfuscateVncPassword,
  deobfuscateVncPassword,
  vncAuthResponse,
} from './vnc/vncAuth';
export { homeRelativePath } from './files/homePaths';
export { spoolWithLimit } from './files/spoolWithLimit';
export {
  DESKTOP_UID,
  UPLOADS_DIR,
  extractSingleFile,
  packUpload,
} from './files/homeTar';
