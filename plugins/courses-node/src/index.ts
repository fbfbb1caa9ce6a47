/**
 * Permission rules and conditions for the Labstage course resource.
 *
 * @packageDocumentation
 */

export { courseResourceRef } from './resource';
export type { CourseResource, CourseQuery } from './resource';
export {
  isCourseInstructor,
  isCourseMember,
  coursePermissionRules,
  coursePermissionRuleList,
} from './rules';
export type { CourseRuleParams } from './rules';
export {
  courseConditions,
  createCourseConditionalDecision,
} from './conditions';
