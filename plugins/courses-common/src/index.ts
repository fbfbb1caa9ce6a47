/**
 * Shared types, schemas and permissions for Labstage courses.
 *
 * @packageDocumentation
 */

export * from './types';
export * from './schemas';
export * from './timeZone';
export * from './permissions';
