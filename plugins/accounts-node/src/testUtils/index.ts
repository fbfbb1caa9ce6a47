/**
 * Test helpers for plugins that read the Labstage accounts directory.
 *
 * @packageDocumentation
 */

export {
  fixedAccountsDirectory,
  fixedAccountsDirectoryFactory,
  testAccount,
} from './fixedAccountsDirectory';
