import { createConditionExports } from '@backstage/plugin-permission-node';
import { courseResourceRef } from './resource';
import { coursePermissionRules } from './rules';

const exported = createConditionExports({
  resourceRef: courseResourceRef,
  rules: coursePermissionRules,
});

/**
 * Condition factories for the course resource, for permission policies:
 * `courseConditions.isCourseMember({ userEntityRef })`.
 *
 * @public
 */
export const courseConditions = exported.conditions;

/** @public */
export const createCourseConditionalDecision =
  exported.createConditionalDecision;
