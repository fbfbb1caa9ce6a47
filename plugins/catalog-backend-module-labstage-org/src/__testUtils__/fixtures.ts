import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { User } from '@internal/backstage-plugin-accounts-common';
import {
  fixedAccountsDirectoryFactory,
  testAccount,
} from '@internal/backstage-plugin-accounts-node/testUtils';
import { courseGroupName } from '../buildOrgEntities';
import { CourseMembership } from '@internal/backstage-plugin-courses-common';

/** Every account of the stand-in directory; e-mails are `<name>@example.com`. */
export const testAccounts: User[] = [
  testAccount('root', 'admin'),
  testAccount('teacher', 'instructor'),
  testAccount('tina', 'instructor'),
  testAccount('alice', 'student'),
  testAccount('bob', 'student'),
  testAccount('carol', 'student'),
  testAccount('dave', 'student', { disabled: true }),
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

/** A fixed in-memory directory standing in for the accounts module. */
export const fixedDirectoryFactory =
  fixedAccountsDirectoryFactory(testAccounts);

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
