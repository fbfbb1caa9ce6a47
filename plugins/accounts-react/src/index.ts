/**
 * React helpers for Labstage accounts: the current account, role checks and
 * the accounts API client. Generic helpers (errors, dialogs, hooks) are in
 * `@internal/backstage-plugin-labstage-react`.
 *
 * @packageDocumentation
 */

export * from './AccountsClient';
export * from './hooks';
export * from './roles';
