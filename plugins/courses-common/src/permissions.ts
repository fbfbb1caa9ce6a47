import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Resource type of the course-scoped permissions; the resource ref is the
 * course id.
 *
 * @public
 */
export const COURSE_RESOURCE_TYPE = 'course' as const;

/** Create a new course. @public */
export const courseCreatePermission = createPermission({
  name: 'courses.course.create',
  attributes: { action: 'create' },
});

/** List every course, not just the caller's. @public */
export const courseListAllPermission = createPermission({
  name: 'courses.course.list.all',
  attributes: { action: 'read' },
});

/** Read course metadata. @public */
export const courseReadPermission = createPermission({
  name: 'courses.course.read',
  attributes: { action: 'read' },
  resourceType: COURSE_RESOURCE_TYPE,
});

/** Update course metadata and its join code. @public */
export const courseUpdatePermission = createPermission({
  name: 'courses.course.update',
  attributes: { action: 'update' },
  resourceType: COURSE_RESOURCE_TYPE,
});

/** @public */
export const courseRosterReadPermission = createPermission({
  name: 'courses.roster.read',
  attributes: { action: 'read' },
  resourceType: COURSE_RESOURCE_TYPE,
});

/** Remove members, add instructors. @public */
export const courseRosterManagePermission = createPermission({
  name: 'courses.roster.manage',
  attributes: { action: 'update' },
  resourceType: COURSE_RESOURCE_TYPE,
});

/** Read posts, comments and materials. @public */
export const courseContentReadPermission = createPermission({
  name: 'courses.content.read',
  attributes: { action: 'read' },
  resourceType: COURSE_RESOURCE_TYPE,
});

/** @public */
export const courseAnnouncementCreatePermission = createPermission({
  name: 'courses.announcement.create',
  attributes: { action: 'create' },
  resourceType: COURSE_RESOURCE_TYPE,
});

/** Create Q&A posts and comments. @public */
export const coursePostCreatePermission = createPermission({
  name: 'courses.post.create',
  attributes: { action: 'create' },
  resourceType: COURSE_RESOURCE_TYPE,
});

/** Pin, lock, edit and delete anyone's posts and comments. @public */
export const coursePostModeratePermission = createPermission({
  name: 'courses.post.moderate',
  attributes: { action: 'update' },
  resourceType: COURSE_RESOURCE_TYPE,
});

/** Upload and delete materials. @public */
export const courseMaterialManagePermission = createPermission({
  name: 'courses.material.manage',
  attributes: { action: 'update' },
  resourceType: COURSE_RESOURCE_TYPE,
});

/**
 * Publish a desktop image as the course environment, and manage the course's
 * desktops (the desktops plugin checks it against this course resource).
 *
 * @public
 */
export const courseEnvironmentManagePermission = createPermission({
  name: 'courses.environment.manage',
  attributes: { action: 'update' },
  resourceType: COURSE_RESOURCE_TYPE,
});

/** @public */
export const courseResourcePermissions = [
  courseReadPermission,
  courseUpdatePermission,
  courseRosterReadPermission,
  courseRosterManagePermission,
  courseContentReadPermission,
  courseAnnouncementCreatePermission,
  coursePostCreatePermission,
  coursePostModeratePermission,
  courseMaterialManagePermission,
  courseEnvironmentManagePermission,
];

/** @public */
export const coursesPermissions = [
  courseCreatePermission,
  courseListAllPermission,
  ...courseResourcePermissions,
];
