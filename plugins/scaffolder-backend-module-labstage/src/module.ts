import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createImageBuildAction } from './actions/buildImage';
import { createDesktopCloneAction } from './actions/cloneDesktops';
import { createCourseCreateAction } from './actions/createCourse';
import { createEnvironmentPublishAction } from './actions/publishEnvironment';
import { createDesktopSaveAction } from './actions/saveDesktop';
import { DEFAULT_IMAGE_SAVE_TIMEOUT_MS, LabstageApi } from './labstageApi';

/**
 * Scaffolder actions for Labstage: save and build images, publish course
 * environments, clone desktops and create courses. Every action calls the
 * Labstage plugins as the user who started the task.
 *
 * @public
 */
export const scaffolderModuleLabstage = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'labstage',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ scaffolder, auth, discovery, config, logger }) {
        const minutes = config.getOptionalNumber(
          'labstage.scaffolder.imageSaveTimeoutMinutes',
        );
        const timeoutMs =
          minutes !== undefined
            ? minutes * 60 * 1000
            : DEFAULT_IMAGE_SAVE_TIMEOUT_MS;
        const api = new LabstageApi({ auth, discovery, timeoutMs });
        const actions = [
          createDesktopSaveAction({ api }),
          createEnvironmentPublishAction({ api }),
          createDesktopCloneAction({ api }),
          createImageBuildAction({ api }),
          createCourseCreateAction({ api }),
        ];
        scaffolder.addActions(...actions);
        logger.info(
          `Registered ${actions
            .map(a => a.id)
            .join(', ')}; image saves time out after ${timeoutMs / 60000} min`,
        );
      },
    });
  },
});
