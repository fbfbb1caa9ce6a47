import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { User } from '@internal/backstage-plugin-accounts-common';
import {
  AccountsDirectory,
  accountsDirectoryServiceRef,
} from '@internal/backstage-plugin-accounts-node';
import { courseGroupName } from '../buildOrgEntities';
import { CourseMembership } from '../types';

function account(username: string, role: User['role'], disabled = false): User {
  return {
    username,
    userEntityRef: `user:default/${username}`,
    displayName: `${username} Name`,
    email: `${username}@example.com`,
    role,
    disabled,
    createdAt: '2027-01-01T00:00:00.000Z',
  };
}

/** Every account of the stand-in directory; e-mails are `<name>@example.com`. */
export const testAccounts: User[] = [
  account('root', 'admin'),
  account('teacher', 'instructor'),
  account('tina', 'instructor'),
  account('alice', 'student'),
  account('bob', 'student'),
  account('carol', 'student'),
  account('dave', 'student', true),
];

/** CS101 (teacher; alice, bob) and BIO (tina; carol). */
export const testCourses: CourseMembership[] = [
  {
    courseId: '3f2a9c1e-0000-4000-8000-000000000001',
    code: 'CS101',
    title: 'Introduction to Computing',
    instructors: ['teacher'],
    students: ['alice', 'bob'],
  },
  {
    courseId: '7b1d4e2f-0000-4000-8000-000000000002',
    code: 'BIO',
    title: 'Biology',
    instructors: ['tina'],
    students: ['carol'],
  },
];

export const cs101Group = courseGroupName(testCourses[0]);
export const bioGroup = courseGroupName(testCourses[1]);

const directory: AccountsDirectory = {
  async getUser(username) {
    return testAccounts.find(u => u.username === username);
  },
  async getUserByRef(ref) {
    return testAccounts.find(u => u.userEntityRef === ref);
  },
  async listUsers() {
    return testAccounts;
  },
};

/** A fixed in-memory directory standing in for the accounts module. */
export const fixedDirectoryFactory = createServiceFactory({
  service: accountsDirectoryServiceRef,
  deps: {},
  factory: () => directory,
});

/**
 * Stand-in for courses-backend's `/internal/memberships`, so the real
 * CoursesMembershipClient is exercised (service tokens only, as the real
 * route).
 */
export const coursesStandIn = createBackendPlugin({
  pluginId: 'courses',
  register(reg) {
    reg.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
      },
      async init({ httpRouter, httpAuth }) {
        httpRouter.use((req, res, next) => {
          if (req.path !== '/internal/memberships') {
            next();
            return;
          }
          httpAuth
            .credentials(req, { allow: ['service'] })
            .then(() => res.json({ items: testCourses }))
            .catch(next);
        });
      },
    });
  },
});

function template(name: string, audience?: string): Entity {
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: {
      name,
      namespace: 'default',
      ...(audience ? { labels: { 'labstage.io/audience': audience } } : {}),
      annotations: {
        'backstage.io/managed-by-location': 'test:fixtures',
        'backstage.io/managed-by-origin-location': 'test:fixtures',
      },
    },
    spec: { type: 'lab', owner: 'group:default/admins', steps: [] },
  };
}

/** Entities that don't come from the org provider. */
export const fixtureEntities: Entity[] = [
  template('lab-for-students', 'students'),
  template('course-for-instructors', 'instructors'),
  template('unlabelled'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: {
      name: 'labstage',
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': 'test:fixtures',
        'backstage.io/managed-by-origin-location': 'test:fixtures',
      },
    },
    spec: { owner: 'group:default/admins' },
  },
];

/** Publishes {@link fixtureEntities} once connected. */
export const fixtureEntitiesModule = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'labstage-test-fixtures',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addEntityProvider({
          getProviderName: () => 'labstage-test-fixtures',
          async connect(connection) {
            await connection.applyMutation({
              type: 'full',
              entities: fixtureEntities.map(entity => ({
                entity,
                locationKey: 'test:fixtures',
              })),
            });
          },
        });
      },
    });
  },
});
