/**
 * Backend helpers shared by every Labstage plugin, each kept once: request
 * validation, download headers, file-name hygiene, timestamps and
 * migrations. Test helpers live under the `testUtils` entry point.
 *
 * @packageDocumentation
 */

export { applyMigrations } from './database/applyMigrations';
export type { PluginMigrations } from './database/applyMigrations';
export { nowIso } from './database/nowIso';
export { sanitizeFileName } from './files/sanitizeFileName';
export { contentDisposition } from './http/contentDisposition';
export { parseInput } from './http/parseInput';
export { getUserCaller } from './http/userCaller';
export type { UserCaller } from './http/userCaller';
