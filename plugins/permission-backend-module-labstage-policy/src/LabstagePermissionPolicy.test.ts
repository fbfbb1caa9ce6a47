import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  catalogEntityReadPermission,
  catalogPermissions,
} from '@backstage/plugin-catalog-common/alpha';
import {
  kubernetesClustersReadPermission,
  kubernetesPermissions,
  kubernetesProxyPermission,
  kubernetesResourcesReadPermission,
} from '@backstage/plugin-kubernetes-common';
import {
  accountsUserManagePermission,
  User,
} from '@internal/backstage-plugin-accounts-common';
import { AccountsDirectory } from '@internal/backstage-plugin-accounts-node';
import {
  courseAnnouncementCreatePermission,
  courseContentReadPermission,
  courseCreatePermission,
  courseListAllPermission,
  courseMaterialManagePermission,
  courseEnvironmentManagePermission,
  coursePostCreatePermission,
  coursePostModeratePermission,
  courseReadPermission,
  courseRosterManagePermission,
  courseRosterReadPermission,
  courseUpdatePermission,
} from '@internal/backstage-plugin-courses-common';
import {
  desktopsPermissions,
  desktopCreatePermission,
  desktopListAllPermission,
  desktopImageBuildPermission,
  desktopAuditReadPermission,
  desktopCapacityReadPermission,
  desktopHourDefaultsManagePermission,
  desktopControlPermission,
  desktopHandPermission,
  desktopReadPermission,
  desktopViewPermission,
} from '@internal/backstage-plugin-desktops-common';
import {
  decideForRole,
  LabstagePermissionPolicy,
} from './LabstagePermissionPolicy';

function user(username: string, role: User['role'], disabled = false): User {
  return {
    username,
    userEntityRef: `user:default/${username}`,
    displayName: username,
    email: `${username}@example.com`,
    role,
    disabled,
    createdAt: '2027-01-01T00:00:00.000Z',
  };
}

// A fixed in-memory directory standing in for the accounts module.
const users = [
  user('root', 'admin'),
  user('teacher', 'instructor'),
  user('alice', 'student'),
  user('mallory', 'admin', true),
];
const directory: AccountsDirectory = {
  async getUser(username) {
    return users.find(u => u.username === username);
  },
  async getUserByRef(ref) {
    return users.find(u => u.userEntityRef === ref);
  },
  async listUsers() {
    return users;
  },
};

const policy = new LabstagePermissionPolicy({
  directory,
  logger: mockServices.logger.mock(),
});

function queryUser(ref: string): PolicyQueryUser {
  return {
    credentials: mockCredentials.user(ref),
    info: { userEntityRef: ref, ownershipEntityRefs: [ref] },
  };
}

const scaffolderTaskCreate = createPermission({
  name: 'scaffolder.task.create',
  attributes: { action: 'create' },
});
// Not declared by @backstage/plugin-kubernetes-common (yet): still admins'.
const kubernetesFuture = createPermission({
  name: 'kubernetes.future.read',
  attributes: { action: 'read' },
});
const catalogEntityRead = catalogEntityReadPermission;

type Expected =
  | 'ALLOW'
  | 'DENY'
  | 'instructor'
  | 'member'
  | 'owner'
  | 'catalog'
  // A desktop's anyOf tree, its conditions in order.
  | 'owner | shared(viewer,controller) | instructor of its course'
  | 'owner | shared(controller) | instructor of its course'
  | 'owner | instructor of its course';

type Condition = { rule: string; params: Record<string, unknown> };

function desktopCondition(condition: Condition): string {
  switch (condition.rule) {
    case 'IS_DESKTOP_OWNER':
      return 'owner';
    case 'IS_DESKTOP_SHARED_WITH':
      return `shared(${(condition.params.roles as string[]).join(',')})`;
    case 'IS_INSTRUCTOR_OF_DESKTOP_COURSE':
      return 'instructor of its course';
    default:
      throw new Error(`unexpected desktop condition ${condition.rule}`);
  }
}

function summarize(decision: PolicyDecision): Expected {
  if (decision.result === AuthorizeResult.ALLOW) return 'ALLOW';
  if (decision.result !== AuthorizeResult.CONDITIONAL) return 'DENY';
  // The catalog's condition trees are checked in full below.
  if (decision.pluginId === 'catalog') return 'catalog';
  const conditions = decision.conditions as Condition | { anyOf: Condition[] };
  if ('anyOf' in conditions) {
    return conditions.anyOf.map(desktopCondition).join(' | ') as Expected;
  }
  const rule = conditions.rule;
  if (rule === 'IS_COURSE_INSTRUCTOR') return 'instructor';
  if (rule === 'IS_COURSE_MEMBER') return 'member';
  if (rule === 'IS_DESKTOP_OWNER') return 'owner';
  throw new Error(`unexpected condition ${JSON.stringify(decision)}`);
}

// permission, admin, instructor, student, disabled admin, unknown user
const table: Array<[Permission, Expected, Expected, Expected]> = [
  [accountsUserManagePermission, 'ALLOW', 'DENY', 'DENY'],
  [courseCreatePermission, 'ALLOW', 'ALLOW', 'DENY'],
  [courseListAllPermission, 'ALLOW', 'ALLOW', 'DENY'],
  [courseReadPermission, 'ALLOW', 'member', 'member'],
  [courseUpdatePermission, 'ALLOW', 'instructor', 'instructor'],
  [courseRosterReadPermission, 'ALLOW', 'instructor', 'instructor'],
  [courseRosterManagePermission, 'ALLOW', 'instructor', 'instructor'],
  [courseContentReadPermission, 'ALLOW', 'member', 'member'],
  [courseAnnouncementCreatePermission, 'ALLOW', 'instructor', 'instructor'],
  [coursePostCreatePermission, 'ALLOW', 'member', 'member'],
  [coursePostModeratePermission, 'ALLOW', 'instructor', 'instructor'],
  [courseMaterialManagePermission, 'ALLOW', 'instructor', 'instructor'],
  [courseEnvironmentManagePermission, 'ALLOW', 'instructor', 'instructor'],
  // Reads are filtered to what is the caller's; everything else in the
  // catalog (entity create/delete/refresh/validate, locations, ingestion)
  // is the admins'.
  [catalogEntityRead, 'ALLOW', 'catalog', 'catalog'],
  ...catalogPermissions
    .filter(p => p.name !== catalogEntityRead.name)
    .map(
      p =>
        [p, 'ALLOW', 'DENY', 'DENY'] as [
          Permission,
          Expected,
          Expected,
          Expected,
        ],
    ),
  [scaffolderTaskCreate, 'ALLOW', 'ALLOW', 'DENY'],
  // The cluster views are the admins' alone.
  [kubernetesProxyPermission, 'ALLOW', 'DENY', 'DENY'],
  [kubernetesResourcesReadPermission, 'ALLOW', 'DENY', 'DENY'],
  [kubernetesClustersReadPermission, 'ALLOW', 'DENY', 'DENY'],
  [kubernetesFuture, 'ALLOW', 'DENY', 'DENY'],
  [desktopCreatePermission, 'ALLOW', 'ALLOW', 'ALLOW'],
  [desktopListAllPermission, 'ALLOW', 'DENY', 'DENY'],
  [desktopImageBuildPermission, 'ALLOW', 'ALLOW', 'DENY'],
  // Shared people and the course's instructors may watch; shared
  // controllers and the instructors may also take control; the instructors
  // may lower a raised hand.
  ...([desktopReadPermission, desktopViewPermission] as Permission[]).map(
    p =>
      [
        p,
        'ALLOW',
        'owner | shared(viewer,controller) | instructor of its course',
        'owner | shared(viewer,controller) | instructor of its course',
      ] as [Permission, Expected, Expected, Expected],
  ),
  [
    desktopControlPermission,
    'ALLOW',
    'owner | shared(controller) | instructor of its course',
    'owner | shared(controller) | instructor of its course',
  ],
  [
    desktopHandPermission,
    'ALLOW',
    'owner | instructor of its course',
    'owner | instructor of its course',
  ],
  [desktopAuditReadPermission, 'ALLOW', 'DENY', 'DENY'],
  // What the installation can run: the admins' page.
  [desktopCapacityReadPermission, 'ALLOW', 'DENY', 'DENY'],
  // The installation's default weekly desktop hours: admins only.
  [desktopHourDefaultsManagePermission, 'ALLOW', 'DENY', 'DENY'],
  // Every other desktop-scoped permission is the owner's, for instructors too.
  ...desktopsPermissions
    .filter(
      p =>
        p.type === 'resource' &&
        ![
          desktopReadPermission,
          desktopViewPermission,
          desktopControlPermission,
          desktopHandPermission,
        ].some(q => q.name === p.name),
    )
    .map(
      p =>
        [p, 'ALLOW', 'owner', 'owner'] as [
          Permission,
          Expected,
          Expected,
          Expected,
        ],
    ),
];

describe('LabstagePermissionPolicy', () => {
  it.each(table.map(([p, ...rest]) => [p.name, ...rest, p] as const))(
    '%s → admin %s, instructor %s, student %s',
    async (_name, admin, instructor, student, permission) => {
      const decide = async (name: string) =>
        summarize(
          await policy.handle(
            { permission },
            queryUser(`user:default/${name}`),
          ),
        );
      expect(await decide('root')).toBe(admin);
      expect(await decide('teacher')).toBe(instructor);
      expect(await decide('alice')).toBe(student);
      // disabled (even an admin) and unknown accounts get nothing
      expect(await decide('mallory')).toBe('DENY');
      expect(await decide('nobody')).toBe('DENY');
    },
  );

  it('has a row for every permission the Kubernetes plugin declares', () => {
    const rows = new Set(table.map(([p]) => p.name));
    expect(kubernetesPermissions.length).toBeGreaterThan(0);
    expect(kubernetesPermissions.filter(p => !rows.has(p.name))).toEqual([]);
  });

  it('has a row for every desktops permission', () => {
    const rows = new Set(table.map(([p]) => p.name));
    expect(desktopsPermissions.filter(p => !rows.has(p.name))).toEqual([]);
  });

  it('binds desktop conditions to the caller', async () => {
    const decision = await policy.handle(
      { permission: desktopControlPermission },
      queryUser('user:default/alice'),
    );
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'desktops',
      resourceType: 'desktop',
      conditions: {
        anyOf: [
          {
            rule: 'IS_DESKTOP_OWNER',
            resourceType: 'desktop',
            params: { userEntityRef: 'user:default/alice' },
          },
          {
            rule: 'IS_DESKTOP_SHARED_WITH',
            resourceType: 'desktop',
            params: {
              userEntityRef: 'user:default/alice',
              roles: ['controller'],
            },
          },
          {
            rule: 'IS_INSTRUCTOR_OF_DESKTOP_COURSE',
            resourceType: 'desktop',
            params: { userEntityRef: 'user:default/alice' },
          },
        ],
      },
    });
  });

  it('binds course conditions to the caller', async () => {
    const decision = await policy.handle(
      { permission: courseContentReadPermission },
      queryUser('user:default/alice'),
    );
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'courses',
      resourceType: 'course',
      conditions: {
        rule: 'IS_COURSE_MEMBER',
        resourceType: 'course',
        params: { userEntityRef: 'user:default/alice' },
      },
    });
  });

  describe('catalog reads', () => {
    const condition = (rule: string, params: object) => ({
      rule,
      resourceType: 'catalog-entity',
      params,
    });
    const ownUser = (name: string) => ({
      allOf: [
        condition('IS_ENTITY_KIND', { kinds: ['User'] }),
        condition('HAS_METADATA', { key: 'name', value: name }),
        condition('HAS_METADATA', { key: 'namespace', value: 'default' }),
      ],
    });
    const ownCourseGroups = (name: string) => ({
      allOf: [
        condition('IS_ENTITY_KIND', { kinds: ['Group'] }),
        condition('HAS_SPEC', { key: 'type', value: 'course' }),
        condition('IS_GROUP_MEMBER', {
          userEntityRef: `user:default/${name}`,
        }),
      ],
    });
    const audience = (value: string) =>
      condition('HAS_LABEL', { label: 'labstage.io/audience', value });
    const decide = async (name: string) =>
      policy.handle(
        { permission: catalogEntityRead },
        queryUser(`user:default/${name}`),
      );

    it('lets a student read their own User, their course groups and the templates for students', async () => {
      expect(await decide('alice')).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          anyOf: [
            ownUser('alice'),
            ownCourseGroups('alice'),
            {
              allOf: [
                condition('IS_ENTITY_KIND', { kinds: ['Template'] }),
                audience('students'),
              ],
            },
          ],
        },
      });
    });

    it('lets an instructor read their own User, their course groups and the templates for instructors and students', async () => {
      expect(await decide('teacher')).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          anyOf: [
            ownUser('teacher'),
            ownCourseGroups('teacher'),
            {
              allOf: [
                condition('IS_ENTITY_KIND', { kinds: ['Template'] }),
                { anyOf: [audience('students'), audience('instructors')] },
              ],
            },
          ],
        },
      });
    });
  });

  it('denies catalog reads for a malformed user ref instead of throwing', () => {
    expect(decideForRole(catalogEntityRead, 'student', 'alice')).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('denies when there is no user or the directory fails', async () => {
    expect(
      (await policy.handle({ permission: catalogEntityRead })).result,
    ).toBe(AuthorizeResult.DENY);
    const failing = new LabstagePermissionPolicy({
      directory: {
        ...directory,
        getUserByRef: async () => {
          throw new Error('down');
        },
      },
      logger: mockServices.logger.mock(),
    });
    expect(
      (
        await failing.handle(
          { permission: catalogEntityRead },
          queryUser('user:default/root'),
        )
      ).result,
    ).toBe(AuthorizeResult.DENY);
  });
});
