import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  GroupEntity,
  UserEntity,
} from '@backstage/catalog-model';
import { User } from '@internal/backstage-plugin-accounts-common';
import { CourseMembership } from '@internal/backstage-plugin-courses-common';

/** The location every emitted entity claims; not a fetchable URL. */
export const LABSTAGE_ORG_LOCATION = 'labstage-accounts:default';

const ROLE_GROUPS = {
  admin: { name: 'admins', displayName: 'Admins' },
  instructor: { name: 'instructors', displayName: 'Instructors' },
} as const;

function metadata(name: string, title: string, description?: string) {
  return {
    name,
    namespace: 'default',
    title,
    ...(description ? { description } : {}),
    annotations: {
      [ANNOTATION_LOCATION]: LABSTAGE_ORG_LOCATION,
      [ANNOTATION_ORIGIN_LOCATION]: LABSTAGE_ORG_LOCATION,
    },
  };
}

/**
 * A valid, stable entity name for a course group: course codes are free text
 * (and not unique), so the course id's start is appended.
 */
export function courseGroupName(
  course: Pick<CourseMembership, 'courseId' | 'code'>,
): string {
  const slug = (value: string) =>
    value
      .toLocaleLowerCase('en-US')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  const shortId = slug(course.courseId).replace(/-/g, '').slice(0, 8) || 'x';
  const code = slug(course.code).slice(
    0,
    63 - 'course--'.length - shortId.length,
  );
  return ['course', code.replace(/-+$/, ''), shortId].filter(Boolean).join('-');
}

/**
 * Builds the full set of org entities: one User per account, the role groups
 * and one Group per course. Course members without an account are dropped.
 */
export function buildOrgEntities(
  users: User[],
  courses: CourseMembership[],
): Entity[] {
  const known = new Set(users.map(u => u.username));
  const courseGroups = courses.map(course => {
    const members = [...new Set([...course.instructors, ...course.students])]
      .filter(name => known.has(name))
      .sort();
    return { name: courseGroupName(course), course, members };
  });

  const userEntities = users.map((user): UserEntity => {
    const memberOf: string[] = [];
    if (user.role === 'admin' || user.role === 'instructor') {
      memberOf.push(ROLE_GROUPS[user.role].name);
    }
    for (const group of courseGroups) {
      if (group.members.includes(user.username)) {
        memberOf.push(group.name);
      }
    }
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: metadata(user.username, user.displayName),
      spec: {
        profile: { displayName: user.displayName, email: user.email },
        memberOf,
      },
    };
  });

  const roleGroups = (['admin', 'instructor'] as const).map(
    (role): GroupEntity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: metadata(ROLE_GROUPS[role].name, ROLE_GROUPS[role].displayName),
      spec: {
        type: 'role',
        profile: { displayName: ROLE_GROUPS[role].displayName },
        children: [],
        members: users.filter(u => u.role === role).map(u => u.username),
      },
    }),
  );

  const courseGroupEntities = courseGroups.map(
    ({ name, course, members }): GroupEntity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: metadata(
        name,
        course.title,
        `Members of course ${course.code}`,
      ),
      spec: {
        type: 'course',
        profile: { displayName: course.title },
        children: [],
        members,
      },
    }),
  );

  return [...userEntities, ...roleGroups, ...courseGroupEntities];
}
