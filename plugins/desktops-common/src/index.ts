/**
 * Shared types, state machine, schemas and permissions for Labstage desktops.
 *
 * @packageDocumentation
 */

export * from './types';
export * from './states';
export * from './schemas';
export * from './permissions';
export * from './environmentTypes';
export * from './environmentSchemas';
export * from './sharing';
export { imageTagProblem, repositoryNameProblem } from './imageNames';
export * from './presence';
export * from './audit';
export * from './classroom';
export * from './quotas';
export * from './sessions';
export * from './capacity';
export * from './sessionRuns';
