import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import { COURSE_RESOURCE_TYPE } from '@internal/backstage-plugin-courses-common';

/**
 * What the permission rules see of a course: its id, archived flag and
 * membership as user entity refs (`user:default/<username>`).
 *
 * @public
 */
export type CourseResource = {
  id: string;
  /** User entity refs of the course's instructors. */
  instructors: string[];
  /** User entity refs of every member, instructors included. */
  members: string[];
  archived: boolean;
};

/**
 * Query form of the course conditions, for loading lists of courses with
 * conditions applied (e.g. by a store).
 *
 * @public
 */
export type CourseQuery =
  | { kind: 'instructor'; userEntityRef: string }
  | { kind: 'member'; userEntityRef: string };

/** @public */
export const courseResourceRef = createPermissionResourceRef<
  CourseResource,
  CourseQuery
>().with({ pluginId: 'courses', resourceType: COURSE_RESOURCE_TYPE });
