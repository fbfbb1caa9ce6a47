import { createPermissionRule } from '@backstage/plugin-permission-node';
import { desktopResourceRef } from './resource';

/** @public */
export type DesktopRuleParams = { userEntityRef: string };

/**
 * True if the given user owns the desktop.
 *
 * @public
 */
export const isDesktopOwner = createPermissionRule<
  typeof desktopResourceRef,
  DesktopRuleParams
>({
  name: 'IS_DESKTOP_OWNER',
  description: 'Allow if the user owns the desktop',
  resourceRef: desktopResourceRef,
  apply: (desktop, { userEntityRef }) =>
    typeof userEntityRef === 'string' &&
    userEntityRef.length > 0 &&
    desktop.owner.toLocaleLowerCase('en-US') ===
      userEntityRef.toLocaleLowerCase('en-US'),
  toQuery: ({ userEntityRef }) => ({ kind: 'owner', userEntityRef }),
});

/** @public */
export const desktopPermissionRules = { isDesktopOwner };

/** @public */
export const desktopPermissionRuleList = [isDesktopOwner];
