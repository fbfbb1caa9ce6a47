/**
 * Helpers shared by every Labstage plugin.
 *
 * @packageDocumentation
 */

export * from './text';
export * from './responses';
