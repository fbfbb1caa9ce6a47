import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { accountsDirectoryServiceRef } from '@internal/backstage-plugin-accounts-node';
import { coursesPermissions } from '@internal/backstage-plugin-courses-common';
import {
  coursePermissionRuleList,
  courseResourceRef,
} from '@internal/backstage-plugin-courses-node';
import {
  permissionDecisionCacheServiceRef,
  ResourceAuthorizer,
} from '@internal/backstage-plugin-labstage-node';
import {
  createMaterialStorage,
  readMaxMaterialBytes,
} from './materials/createMaterialStorage';
import { seedDemoCourse } from './seed/seedDemoCourse';
import { readDefaultTimeZone } from './service/defaultTimeZone';
import { RosterService } from './service/RosterService';
import { loadCourseResources } from './http/permissionResources';
import { createRouter } from './http/router';
import { applyMigrations, createCoursesStore } from './store';

/**
 * The courses backend plugin: courses, enrolment, boards and materials.
 *
 * @public
 */
export const coursesPlugin = createBackendPlugin({
  pluginId: 'courses',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissionDecisions: permissionDecisionCacheServiceRef,
        permissionsRegistry: coreServices.permissionsRegistry,
        lifecycle: coreServices.lifecycle,
        directory: accountsDirectoryServiceRef,
      },
      async init({
        config,
        logger,
        database,
        httpAuth,
        httpRouter,
        permissionDecisions,
        permissionsRegistry,
        lifecycle,
        directory,
      }) {
        const defaultTimeZone = readDefaultTimeZone(config);
        const knex = await database.getClient();
        if (!database.migrations?.skip) {
          await applyMigrations(knex, { defaultTimeZone });
        }
        const store = createCoursesStore(knex);
        const storage = createMaterialStorage(config);
        const maxMaterialBytes = readMaxMaterialBytes(config);

        permissionsRegistry.addResourceType({
          resourceRef: courseResourceRef,
          permissions: coursesPermissions,
          rules: coursePermissionRuleList,
          getResources: resourceRefs =>
            loadCourseResources(store, resourceRefs),
        });

        httpRouter.use(
          await createRouter({
            config,
            logger,
            store,
            roster: new RosterService({ store, directory }),
            decisions: permissionDecisions,
            courseAuthorizer: new ResourceAuthorizer({
              decisions: permissionDecisions,
              ruleset:
                permissionsRegistry.getPermissionRuleset(courseResourceRef),
              getResources: refs => loadCourseResources(store, refs),
            }),
            httpAuth,
            directory,
            storage,
            maxMaterialBytes,
            defaultTimeZone,
          }),
        );

        if (config.getOptionalBoolean('labstage.demo.seed')) {
          lifecycle.addStartupHook(async () => {
            try {
              await seedDemoCourse({
                store,
                storage,
                logger,
                timeZone: defaultTimeZone,
              });
            } catch (error) {
              logger.error(`Seeding the demo course failed: ${error}`);
            }
          });
        }
      },
    });
  },
});
