import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import {
  accountsDirectoryServiceRef,
  isGroupMember,
} from '@internal/backstage-plugin-accounts-node';
import { CoursesMembershipClient } from './CoursesMembershipClient';
import { LabstageOrgEntityProvider } from './LabstageOrgEntityProvider';

/**
 * Publishes Labstage users, the `admins` / `instructors` groups and one group
 * per course to the catalog. Changes are picked up by polling (every 10 s by
 * default, `labstage.catalog.orgRefreshSeconds`) rather than by events: a
 * full mutation is cheap at this size and needs no change signal.
 *
 * Also gives the catalog the `IS_GROUP_MEMBER` permission rule, with which
 * the Labstage policy lets people read the groups of their own courses.
 *
 * @public
 */
export const catalogModuleLabstageOrg = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'labstage-org',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        permissionsRegistry: coreServices.permissionsRegistry,
        directory: accountsDirectoryServiceRef,
      },
      async init({
        catalog,
        config,
        logger,
        scheduler,
        discovery,
        auth,
        permissionsRegistry,
        directory,
      }) {
        permissionsRegistry.addPermissionRules([isGroupMember]);
        const seconds =
          config.getOptionalNumber('labstage.catalog.orgRefreshSeconds') ?? 10;
        catalog.addEntityProvider(
          new LabstageOrgEntityProvider({
            directory,
            courses: new CoursesMembershipClient(discovery, auth),
            logger,
            schedule: scheduler.createScheduledTaskRunner({
              frequency: { seconds },
              timeout: { minutes: 1 },
            }),
          }),
        );
      },
    });
  },
});
