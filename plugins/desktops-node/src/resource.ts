import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import { DESKTOP_RESOURCE_TYPE } from '@internal/backstage-plugin-desktops-common';

/**
 * What the permission rules see of a desktop.
 *
 * @public
 */
export type DesktopResource = {
  id: string;
  /** User entity ref of the owner. */
  owner: string;
  courseId: string | null;
};

/** Query form of the desktop conditions, for filtering lists. @public */
export type DesktopQuery = { kind: 'owner'; userEntityRef: string };

/** @public */
export const desktopResourceRef = createPermissionResourceRef<
  DesktopResource,
  DesktopQuery
>().with({ pluginId: 'desktops', resourceType: DESKTOP_RESOURCE_TYPE });
