import {
  Entity,
  FieldFormatEntityPolicy,
  groupEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { User } from '@internal/backstage-plugin-accounts-common';
import { buildOrgEntities, courseGroupName } from './buildOrgEntities';

const user = (username: string, role: User['role']): User => ({
  username,
  userEntityRef: `user:default/${username}`,
  displayName: `${username} Name`,
  email: `${username}@labstage.local`,
  role,
  disabled: false,
  createdAt: '2025-01-01T00:00:00.000Z',
});

const users = [
  user('admin', 'admin'),
  user('teacher', 'instructor'),
  user('alice', 'student'),
  user('bob', 'student'),
];
const courses = [
  {
    courseId: '3f2a9c1e-0000-4000-8000-000000000000',
    code: 'CS 101: Intro!',
    title: 'Introduction to Computing',
    instructors: ['teacher'],
    students: ['alice', 'ghost'],
  },
];

async function assertValid(entity: Entity) {
  const validator =
    entity.kind === 'User'
      ? userEntityV1alpha1Validator
      : groupEntityV1alpha1Validator;
  await expect(validator.check(entity)).resolves.toBe(true);
  await expect(new FieldFormatEntityPolicy().enforce(entity)).resolves.toBe(
    entity,
  );
}

describe('buildOrgEntities', () => {
  it('builds valid users, role groups and course groups', async () => {
    const entities = buildOrgEntities(users, courses);
    expect(entities.map(e => `${e.kind}:${e.metadata.name}`)).toEqual([
      'User:admin',
      'User:teacher',
      'User:alice',
      'User:bob',
      'Group:admins',
      'Group:instructors',
      'Group:course-cs-101-intro-3f2a9c1e',
    ]);
    for (const entity of entities) {
      await assertValid(entity);
      expect(entity.metadata.annotations).toEqual({
        'backstage.io/managed-by-location': 'labstage-accounts:default',
        'backstage.io/managed-by-origin-location': 'labstage-accounts:default',
      });
    }
  });

  it('links users to role and course groups and drops unknown members', () => {
    const byName = new Map(
      buildOrgEntities(users, courses).map(e => [e.metadata.name, e]),
    );
    expect(byName.get('teacher')?.spec).toEqual({
      profile: { displayName: 'teacher Name', email: 'teacher@labstage.local' },
      memberOf: ['instructors', 'course-cs-101-intro-3f2a9c1e'],
    });
    expect(byName.get('bob')?.spec?.memberOf).toEqual([]);
    expect(byName.get('admins')?.spec?.members).toEqual(['admin']);
    expect(byName.get('course-cs-101-intro-3f2a9c1e')?.spec).toEqual({
      type: 'course',
      profile: { displayName: 'Introduction to Computing' },
      children: [],
      members: ['alice', 'teacher'],
    });
  });

  it('emits users and role groups when there are no courses', () => {
    expect(buildOrgEntities(users, [])).toHaveLength(6);
  });

  it('keeps course group names within the entity name rules', async () => {
    const name = courseGroupName({
      courseId: 'abc',
      code: `${'x'.repeat(80)}--`,
    });
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(courseGroupName({ courseId: '!!', code: '***' })).toBe('course-x');
  });
});
