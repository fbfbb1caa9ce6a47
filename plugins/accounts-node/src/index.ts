/**
 * Backend access to Labstage accounts.
 *
 * @packageDocumentation
 */

export type { AccountsDirectory } from './AccountsDirectory';
export { DirectoryClient } from './DirectoryClient';
export type { DirectoryClientOptions } from './DirectoryClient';
export { accountsDirectoryServiceRef } from './accountsDirectoryServiceRef';
