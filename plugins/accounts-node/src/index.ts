/**
 * Backend access to Labstage accounts, and the catalog permission rule for
 * the groups accounts belong to.
 *
 * @packageDocumentation
 */

export type { AccountsDirectory } from './AccountsDirectory';
export { DirectoryClient } from './DirectoryClient';
export type { DirectoryClientOptions } from './DirectoryClient';
export { accountsDirectoryServiceRef } from './accountsDirectoryServiceRef';
export {
  isGroupMember,
  labstageCatalogConditions,
} from './catalog/isGroupMember';
