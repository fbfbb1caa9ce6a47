import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  COURSE_RESOURCE_TYPE,
  courseContentReadPermission,
} from '@internal/backstage-plugin-courses-common';
import {
  courseConditions,
  coursePermissionRuleList,
  createCourseConditionalDecision,
  isCourseInstructor,
  isCourseMember,
} from './index';

const course = {
  id: 'c1',
  instructors: ['user:default/teacher'],
  members: ['user:default/teacher', 'user:default/alice'],
  archived: false,
};

describe('course permission rules', () => {
  it.each([
    ['user:default/teacher', true, true],
    ['user:default/alice', false, true],
    ['user:default/ALICE', false, true],
    ['user:default/bob', false, false],
    ['', false, false],
  ])('%s: instructor=%s member=%s', (ref, instructor, member) => {
    expect(isCourseInstructor.apply(course, { userEntityRef: ref })).toBe(
      instructor,
    );
    expect(isCourseMember.apply(course, { userEntityRef: ref })).toBe(member);
  });

  it('builds conditions and conditional decisions for the course type', () => {
    const condition = courseConditions.isCourseMember({
      userEntityRef: 'user:default/alice',
    });
    expect(condition).toEqual({
      rule: 'IS_COURSE_MEMBER',
      resourceType: COURSE_RESOURCE_TYPE,
      params: { userEntityRef: 'user:default/alice' },
    });
    const decision = createCourseConditionalDecision(
      courseContentReadPermission,
      condition,
    );
    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'courses',
      resourceType: COURSE_RESOURCE_TYPE,
    });

    const authorize = createConditionAuthorizer(coursePermissionRuleList);
    expect(authorize(decision, course)).toBe(true);
    expect(authorize(decision, { ...course, members: [] })).toBe(false);
  });

  it('translates to queries', () => {
    expect(
      isCourseInstructor.toQuery({ userEntityRef: 'user:default/x' }),
    ).toEqual({ kind: 'instructor', userEntityRef: 'user:default/x' });
  });
});
