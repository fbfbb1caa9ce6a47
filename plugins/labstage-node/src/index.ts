/**
 * Backend helpers shared by every Labstage plugin, each kept once: request
 * validation, download headers, file-name hygiene, timestamps, migrations
 * and in-plugin permission decisions. Test helpers live under the `testUtils` entry point.
 *
 * @packageDocumentation
 */

export { applyMigrations } from './database/applyMigrations';
export type { PluginMigrations } from './database/applyMigrations';
export { nowIso } from './database/nowIso';
export { sanitizeFileName } from './files/sanitizeFileName';
export { contentDisposition } from './http/contentDisposition';
export { parseInput } from './http/parseInput';
export { createPluginFetch } from './http/pluginFetch';
export type { PluginFetch } from './http/pluginFetch';
export { getUserCaller } from './http/userCaller';
export type { UserCaller } from './http/userCaller';
export { PermissionDecisionCache } from './permissions/PermissionDecisionCache';
export type { PermissionDecisionCacheOptions } from './permissions/PermissionDecisionCache';
export { permissionDecisionCacheServiceRef } from './permissions/permissionDecisionCacheServiceRef';
export { ResourceAuthorizer } from './permissions/ResourceAuthorizer';
export type {
  ResourceAuthorizeRequest,
  ResourceAuthorizerOptions,
} from './permissions/ResourceAuthorizer';
