import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleLabstage } from '../module';

/**
 * Starts the module in a test backend whose scaffolder extension point only
 * records what is added: the actions exactly as the scaffolder gets them.
 */
export async function registeredActions(config: object = {}) {
  const actions: TemplateAction<any, any, any>[] = [];
  const logger = mockServices.logger.mock();
  const backend = await startTestBackend({
    extensionPoints: [
      [
        scaffolderActionsExtensionPoint,
        { addActions: (...added) => actions.push(...added) },
      ],
    ],
    features: [
      scaffolderModuleLabstage,
      mockServices.rootConfig.factory({ data: config }),
      logger.factory,
    ],
  });
  await backend.stop();
  return { actions, logger };
}
