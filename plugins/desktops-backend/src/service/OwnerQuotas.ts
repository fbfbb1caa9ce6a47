import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DesktopQuota,
  DesktopResources,
} from '@internal/backstage-plugin-desktops-common';
import { AccountsDirectory } from '@internal/backstage-plugin-accounts-node';
import { DesktopsStore } from '../store';
import { clampResources, maxRunningFor, Role, roleQuota } from './quota';
import { DesktopsSettings } from './settings';

/** What an owner may run, from their role in the accounts directory. */
export class OwnerQuotas {
  constructor(
    private readonly store: DesktopsStore,
    private readonly directory: AccountsDirectory,
    private readonly settings: DesktopsSettings,
    private readonly logger: LoggerService,
  ) {}

  async roleOf(owner: string): Promise<Role | undefined> {
    try {
      const user = await this.directory.getUserByRef(owner);
      return user?.role as Role | undefined;
    } catch (error) {
      // Without the directory the default quota still applies.
      this.logger.warn(`Looking up the role of ${owner} failed: ${error}`);
      return undefined;
    }
  }

  async quotaFor(owner: string, role: Role | undefined): Promise<DesktopQuota> {
    return {
      maxRunning: maxRunningFor(this.settings, role),
      running: await this.store.desktops.countActive(owner),
    };
  }

  /** An image's resources within the role's caps. */
  resourcesFor(
    image: DesktopResources,
    role: Role | undefined,
  ): DesktopResources {
    return clampResources(image, roleQuota(this.settings, role));
  }
}
