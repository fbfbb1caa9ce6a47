/**
 * Shared types, schemas and permissions for Labstage local accounts.
 *
 * @packageDocumentation
 */

export * from './types';
export * from './identity';
export * from './schemas';
export * from './permissions';
export * from './events';
export * from './deletion';
