/**
 * Test helpers for Labstage backend plugins.
 *
 * @packageDocumentation
 */

export { actorPreservingAuthFactory } from './actorPreservingAuthFactory';
export { serviceHeader, userHeader } from './credentials';
export { requiredTestDatabaseIds, requiredTestDatabases } from './databases';
export { describePluginMigrations } from './describePluginMigrations';
export {
  migrateUnderOldNames,
  migrateUpDownAndUpAgain,
  migrationFiles,
  migrationNameProblems,
} from './migrations';
export { startPluginTestBackend } from './startPluginTestBackend';
export { routesWithoutMatrixRows, uncoveredRoutes } from './uncoveredRoutes';
export {
  fixtureSender,
  matrixSender,
  runAuthorizationMatrix,
} from './authorizationMatrix';
export type {
  MatrixMethod,
  MatrixRoute,
  MatrixSend,
} from './authorizationMatrix';
export type { SentRequest } from './uncoveredRoutes';
export { pluginServiceProbe } from './pluginServiceProbe';
export { webSocketTolerantHttpRouterFactory } from './webSocketTolerantHttpRouter';
