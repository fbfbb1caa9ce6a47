import { User } from '@internal/backstage-plugin-accounts-common';
import {
  fixedAccountsDirectory,
  testAccount,
} from '@internal/backstage-plugin-accounts-node/testUtils';

/** The accounts of the directory every desktops test runs against. */
export const testAccounts: User[] = [
  testAccount('root', 'admin'),
  testAccount('teacher', 'instructor'),
  testAccount('tina', 'instructor'),
  testAccount('alice', 'student'),
  testAccount('bob', 'student'),
  testAccount('carol', 'student'),
  testAccount('dave', 'student'),
];

/** `testAccounts` as an accounts directory, for tests wiring parts by hand. */
export const fixedDirectory = fixedAccountsDirectory(testAccounts);
