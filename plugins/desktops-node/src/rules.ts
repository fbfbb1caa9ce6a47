import { createPermissionRule } from '@backstage/plugin-permission-node';
import { z } from 'zod';
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

const sameUser = (a: string, b: string) =>
  a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');

/**
 * True if the owner invited the user to the desktop in one of `roles`.
 *
 * @public
 */
export const isSharedWith = createPermissionRule({
  name: 'IS_DESKTOP_SHARED_WITH',
  description: 'Allow if the owner invited the user in one of the roles',
  resourceRef: desktopResourceRef,
  paramsSchema: z.object({
    userEntityRef: z.string().describe('The user'),
    roles: z
      .array(z.enum(['viewer', 'controller']))
      .describe('The share roles that count'),
  }),
  apply: (desktop, { userEntityRef, roles }) =>
    userEntityRef.length > 0 &&
    desktop.shares.some(
      share =>
        sameUser(share.grantee, userEntityRef) && roles.includes(share.role),
    ),
  toQuery: ({ userEntityRef, roles }) => ({
    kind: 'sharedWith',
    userEntityRef,
    roles,
  }),
});

/**
 * True if the user teaches the course the desktop belongs to.
 *
 * @public
 */
export const isInstructorOfDesktopCourse = createPermissionRule<
  typeof desktopResourceRef,
  DesktopRuleParams
>({
  name: 'IS_INSTRUCTOR_OF_DESKTOP_COURSE',
  description: "Allow if the user is an instructor of the desktop's course",
  resourceRef: desktopResourceRef,
  apply: (desktop, { userEntityRef }) =>
    typeof userEntityRef === 'string' &&
    userEntityRef.length > 0 &&
    desktop.courseId !== null &&
    desktop.courseInstructors.some(i => sameUser(i, userEntityRef)),
  toQuery: ({ userEntityRef }) => ({ kind: 'courseInstructor', userEntityRef }),
});

/** @public */
export const desktopPermissionRules = {
  isDesktopOwner,
  isSharedWith,
  isInstructorOfDesktopCourse,
};

/** @public */
export const desktopPermissionRuleList = [
  isDesktopOwner,
  isSharedWith,
  isInstructorOfDesktopCourse,
];
