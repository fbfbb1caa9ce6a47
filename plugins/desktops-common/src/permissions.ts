import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Resource type of desktop-scoped permissions; the resource ref is the
 * desktop id.
 *
 * @public
 */
export const DESKTOP_RESOURCE_TYPE = 'desktop' as const;

/** Create (and launch) a desktop from the image catalog. @public */
export const desktopCreatePermission = createPermission({
  name: 'desktops.desktop.create',
  attributes: { action: 'create' },
});

/** List every user's desktops (the admin view). @public */
export const desktopListAllPermission = createPermission({
  name: 'desktops.desktop.list.all',
  attributes: { action: 'read' },
});

/** See a desktop's card and state. @public */
export const desktopReadPermission = createPermission({
  name: 'desktops.desktop.read',
  attributes: { action: 'read' },
  resourceType: DESKTOP_RESOURCE_TYPE,
});

/** Rename. @public */
export const desktopUpdatePermission = createPermission({
  name: 'desktops.desktop.update',
  attributes: { action: 'update' },
  resourceType: DESKTOP_RESOURCE_TYPE,
});

/** Start and stop. @public */
export const desktopOperatePermission = createPermission({
  name: 'desktops.desktop.operate',
  attributes: { action: 'update' },
  resourceType: DESKTOP_RESOURCE_TYPE,
});

/** Delete the desktop and its home. @public */
export const desktopDeletePermission = createPermission({
  name: 'desktops.desktop.delete',
  attributes: { action: 'delete' },
  resourceType: DESKTOP_RESOURCE_TYPE,
});

/** Watch the screen through the gateway. @public */
export const desktopViewPermission = createPermission({
  name: 'desktops.desktop.view',
  attributes: { action: 'read' },
  resourceType: DESKTOP_RESOURCE_TYPE,
});

/** Send keyboard, pointer and clipboard input through the gateway. @public */
export const desktopControlPermission = createPermission({
  name: 'desktops.desktop.control',
  attributes: { action: 'update' },
  resourceType: DESKTOP_RESOURCE_TYPE,
});

/** Upload to and download from the desktop's home. @public */
export const desktopFilesPermission = createPermission({
  name: 'desktops.desktop.files',
  attributes: { action: 'update' },
  resourceType: DESKTOP_RESOURCE_TYPE,
});

/** Save the desktop, system and home, as an image version. @public */
export const desktopSavePermission = createPermission({
  name: 'desktops.desktop.save',
  attributes: { action: 'create' },
  resourceType: DESKTOP_RESOURCE_TYPE,
});

/**
 * Build an image from a base plus a Dockerfile fragment or files (staff:
 * builds cost the machine more than a save).
 *
 * @public
 */
export const desktopImageBuildPermission = createPermission({
  name: 'desktops.image.build',
  attributes: { action: 'create' },
});

/**
 * Invite people to the desktop, change their role or revoke it (the
 * owner's).
 *
 * @public
 */
export const desktopShareManagePermission = createPermission({
  name: 'desktops.desktop.share',
  attributes: { action: 'update' },
  resourceType: DESKTOP_RESOURCE_TYPE,
});

/** See who opened the desktop and when (the owner's Visitors panel). @public */
export const desktopVisitorsReadPermission = createPermission({
  name: 'desktops.desktop.visitors',
  attributes: { action: 'read' },
  resourceType: DESKTOP_RESOURCE_TYPE,
});

/**
 * Raise the desktop's hand (its owner) or lower it (its owner or an
 * instructor of its course).
 *
 * @public
 */
export const desktopHandPermission = createPermission({
  name: 'desktops.desktop.hand',
  attributes: { action: 'update' },
  resourceType: DESKTOP_RESOURCE_TYPE,
});

/** Read the whole desktop audit log, filter it and export it (admins). @public */
export const desktopAuditReadPermission = createPermission({
  name: 'desktops.audit.read',
  attributes: { action: 'read' },
});

/**
 * See what the installation can run: allocatable CPU and memory, desktops
 * in use and the capacity the next class sessions need (admins).
 *
 * @public
 */
export const desktopCapacityReadPermission = createPermission({
  name: 'desktops.capacity.read',
  attributes: { action: 'read' },
});

/**
 * Set the installation's default weekly desktop hours of courses that set
 * none of their own (admins).
 *
 * @public
 */
export const desktopHourDefaultsManagePermission = createPermission({
  name: 'desktops.hour-defaults.manage',
  attributes: { action: 'update' },
});

/** Every desktops permission, for the permission registry. @public */
export const desktopsPermissions = [
  desktopCreatePermission,
  desktopListAllPermission,
  desktopReadPermission,
  desktopUpdatePermission,
  desktopOperatePermission,
  desktopDeletePermission,
  desktopViewPermission,
  desktopControlPermission,
  desktopFilesPermission,
  desktopSavePermission,
  desktopImageBuildPermission,
  desktopShareManagePermission,
  desktopVisitorsReadPermission,
  desktopHandPermission,
  desktopAuditReadPermission,
  desktopCapacityReadPermission,
  desktopHourDefaultsManagePermission,
];
