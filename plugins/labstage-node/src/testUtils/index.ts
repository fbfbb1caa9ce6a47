/**
 * Test helpers for Labstage backend plugins.
 *
 * @packageDocumentation
 */

export { actorPreservingAuthFactory } from './actorPreservingAuthFactory';
export { serviceHeader, userHeader } from './credentials';
export { requiredTestDatabaseIds } from './databases';
export {
  migrateUnderOldNames,
  migrateUpDownAndUpAgain,
  migrationFiles,
  migrationNameProblems,
} from './migrations';
export { startPluginTestBackend } from './startPluginTestBackend';
export { uncoveredRoutes } from './uncoveredRoutes';
export type { SentRequest } from './uncoveredRoutes';
