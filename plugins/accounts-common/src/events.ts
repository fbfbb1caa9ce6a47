import { LabstageRole } from './types';

/**
 * Topic on Backstage's events service where the accounts module announces
 * changes to an account that withdraw access: disabling, deleting, and a
 * change of role. Subscribers drop cached account data and cut what the
 * account may no longer do (e.g. open desktop connections).
 */
export const ACCOUNT_CHANGED_TOPIC = 'labstage.accounts.changed';

/** @public */
export type AccountChangedEvent = {
  username: string;
  userEntityRef: string;
  change: 'disabled' | 'enabled' | 'deleted' | 'role';
  /** The new role, for `role`. */
  role?: LabstageRole;
};
