import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Lets the holder list all accounts and change their role, disabled state
 * and password. The policy grants it to admins only.
 *
 * @public
 */
export const accountsUserManagePermission = createPermission({
  name: 'accounts.user.manage',
  attributes: { action: 'update' },
});

/** @public */
export const accountsPermissions = [accountsUserManagePermission];
