import type {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { ImageRegistry } from '@internal/backstage-plugin-desktops-node';
import { DistributionRegistry } from './DistributionRegistry';

/**
 * The Distribution registry of `desktops.registry`, or undefined when none
 * is configured (saving desktops is then off).
 */
export function registryFromConfig(
  config: RootConfigService,
): ImageRegistry | undefined {
  const registry = config.getOptionalConfig('desktops.registry');
  if (!registry?.getOptionalString('url')) return undefined;
  return new DistributionRegistry({
    url: registry.getString('url'),
    username: registry.getString('username'),
    password: registry.getString('password'),
  });
}

/**
 * Says at startup whether the registry answers and takes Labstage's
 * credentials, so a wrong password shows in the log before anyone saves.
 * It never stops the backend: desktops run without a registry.
 */
export async function checkRegistryAtStartup(
  registry: ImageRegistry | undefined,
  logger: LoggerService,
): Promise<void> {
  if (!registry) {
    logger.info(
      'No image registry configured (desktops.registry): saving desktops as images is off',
    );
    return;
  }
  try {
    await registry.check();
    logger.info(`Image registry ${registry.host} is reachable`);
  } catch (error) {
    logger.warn(
      `Image registry ${registry.host}: ${
        (error as Error).message
      }. Saving desktops will fail until this is fixed.`,
    );
  }
}
