/**
 * React helpers for Labstage accounts: the current account, role checks and
 * the accounts API client.
 *
 * @packageDocumentation
 */

export * from './AccountsClient';
export * from './errors';
export * from './hooks';
export * from './roles';
export * from './useReloadableAsync';
