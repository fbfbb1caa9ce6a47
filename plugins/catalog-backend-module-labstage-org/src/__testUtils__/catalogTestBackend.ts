import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
// The real catalog, permission backend and Labstage policy, so the tests see
// what production answers.
import catalogPlugin from '@backstage/plugin-catalog-backend';
import scaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import permissionPlugin from '@backstage/plugin-permission-backend';
import labstagePolicyModule from '@internal/backstage-plugin-permission-backend-module-labstage-policy';
import request from 'supertest';
import { catalogModuleLabstageOrg } from '../module';
import { actorPreservingAuthFactory, serviceHeader } from './auth';
import {
  coursesStandIn,
  fixedDirectoryFactory,
  fixtureEntities,
  fixtureEntitiesModule,
  testAccounts,
  testCourses,
} from './fixtures';

/** Users, the two role groups, one group per course and the fixtures. */
export const expectedEntityCount =
  testAccounts.length + 2 + testCourses.length + fixtureEntities.length;

/**
 * Starts the catalog with the Labstage org provider, the stand-in accounts
 * directory and courses memberships, the permission backend and the
 * Labstage policy; resolves once every entity has been processed.
 */
export async function startCatalogBackend() {
  // One mock scheduler for the catalog, so the org provider's refresh can be
  // triggered once the provider is connected (the mock's own startup run
  // comes before the catalog connects its providers).
  const scheduler = mockServices.scheduler();
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      scaffolderEntityModel,
      catalogModuleLabstageOrg,
      fixtureEntitiesModule,
      coursesStandIn,
      permissionPlugin,
      labstagePolicyModule,
      fixedDirectoryFactory,
      actorPreservingAuthFactory,
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => scheduler,
      }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          catalog: {
            rules: [
              {
                allow: [
                  'Component',
                  'System',
                  'API',
                  'Resource',
                  'Location',
                  'User',
                  'Group',
                  'Template',
                ],
              },
            ],
          },
        },
      }),
    ],
  });
  await scheduler.triggerTask('labstage-org:refresh');
  await waitForEntities(backend.server, expectedEntityCount);
  return backend;
}

async function waitForEntities(server: unknown, count: number) {
  const deadline = Date.now() + 30_000;
  let seen = 0;
  while (Date.now() < deadline) {
    const res = await request(server as any)
      .get('/api/catalog/entities')
      .set('Authorization', serviceHeader('notifications'));
    seen = Array.isArray(res.body) ? res.body.length : 0;
    if (seen >= count) {
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
  throw new Error(`catalog has ${seen} of ${count} entities after 30 s`);
}
