/**
 * Test helpers for Labstage backend plugins.
 *
 * @packageDocumentation
 */

export { actorPreservingAuthFactory } from './actorPreservingAuthFactory';
export { serviceHeader, userHeader } from './credentials';
