import {
  isDesktopOwner,
  isInstructorOfDesktopCourse,
  isSharedWith,
} from './rules';

describe('desktop permission rules', () => {
  const desktop = {
    id: 'd1',
    owner: 'user:default/alice',
    courseId: null,
    shares: [],
    courseInstructors: [],
  };

  it.each([
    ['user:default/alice', true],
    ['user:default/ALICE', true],
    ['user:default/bob', false],
    ['', false],
  ])('%s owns it: %s', (ref, expected) => {
    expect(isDesktopOwner.apply(desktop, { userEntityRef: ref })).toBe(
      expected,
    );
  });

  it('queries by owner', () => {
    expect(
      isDesktopOwner.toQuery({ userEntityRef: 'user:default/alice' }),
    ).toEqual({ kind: 'owner', userEntityRef: 'user:default/alice' });
  });

  const shared = {
    ...desktop,
    courseId: 'cs101',
    shares: [
      { grantee: 'user:default/bob', role: 'viewer' as const },
      { grantee: 'user:default/carol', role: 'controller' as const },
    ],
    courseInstructors: ['user:default/kim'],
  };

  it.each([
    ['user:default/bob', ['viewer', 'controller'], true],
    ['user:default/BOB', ['viewer'], true],
    ['user:default/bob', ['controller'], false],
    ['user:default/carol', ['controller'], true],
    ['user:default/alice', ['viewer', 'controller'], false],
    ['', ['viewer', 'controller'], false],
  ] as const)('%s is shared with as one of %j: %s', (ref, roles, expected) => {
    expect(
      isSharedWith.apply(shared, { userEntityRef: ref, roles: [...roles] }),
    ).toBe(expected);
  });

  it.each([
    ['user:default/kim', 'cs101', true],
    ['user:default/KIM', 'cs101', true],
    ['user:default/bob', 'cs101', false],
    ['user:default/kim', null, false],
  ] as const)(
    '%s teaches the course (%s) of the desktop: %s',
    (ref, courseId, expected) => {
      expect(
        isInstructorOfDesktopCourse.apply(
          { ...shared, courseId },
          { userEntityRef: ref },
        ),
      ).toBe(expected);
    },
  );
});
