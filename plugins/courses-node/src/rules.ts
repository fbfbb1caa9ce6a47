import { createPermissionRule } from '@backstage/plugin-permission-node';
import { courseResourceRef } from './resource';

/** @public */
export type CourseRuleParams = { userEntityRef: string };

function sameRef(a: string, b: string): boolean {
  return a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');
}

function includesRef(refs: string[], ref: unknown): boolean {
  if (typeof ref !== 'string' || ref.length === 0) {
    return false;
  }
  return refs.some(r => sameRef(r, ref));
}

/**
 * True if the given user teaches the course.
 *
 * @public
 */
export const isCourseInstructor = createPermissionRule<
  typeof courseResourceRef,
  CourseRuleParams
>({
  name: 'IS_COURSE_INSTRUCTOR',
  description: 'Allow if the user is an instructor of the course',
  resourceRef: courseResourceRef,
  apply: (course, { userEntityRef }) =>
    includesRef(course.instructors, userEntityRef),
  toQuery: ({ userEntityRef }) => ({ kind: 'instructor', userEntityRef }),
});

/**
 * True if the given user is enrolled in the course (as student or instructor).
 *
 * @public
 */
export const isCourseMember = createPermissionRule<
  typeof courseResourceRef,
  CourseRuleParams
>({
  name: 'IS_COURSE_MEMBER',
  description: 'Allow if the user is enrolled in the course (any role)',
  resourceRef: courseResourceRef,
  apply: (course, { userEntityRef }) =>
    includesRef(course.members, userEntityRef) ||
    includesRef(course.instructors, userEntityRef),
  toQuery: ({ userEntityRef }) => ({ kind: 'member', userEntityRef }),
});

/** @public */
export const coursePermissionRules = { isCourseInstructor, isCourseMember };

/** @public */
export const coursePermissionRuleList = [isCourseInstructor, isCourseMember];
