import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import {
  DESKTOP_RESOURCE_TYPE,
  type ShareRole,
} from '@internal/backstage-plugin-desktops-common';

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
  /** The people the owner invited, and as what. */
  shares: ReadonlyArray<{ grantee: string; role: ShareRole }>;
  /** User entity refs of the instructors of `courseId` (empty without a course). */
  courseInstructors: readonly string[];
};

/** Query form of the desktop conditions, for filtering lists. @public */
export type DesktopQuery =
  | { kind: 'owner'; userEntityRef: string }
  | { kind: 'sharedWith'; userEntityRef: string; roles: ShareRole[] }
  | { kind: 'courseInstructor'; userEntityRef: string };

/** @public */
export const desktopResourceRef = createPermissionResourceRef<
  DesktopResource,
  DesktopQuery
>().with({ pluginId: 'desktops', resourceType: DESKTOP_RESOURCE_TYPE });
