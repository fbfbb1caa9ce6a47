import {
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { AccountsDirectory } from '@internal/backstage-plugin-accounts-node';
import { buildOrgEntities, LABSTAGE_ORG_LOCATION } from './buildOrgEntities';
import { CourseMembership } from '@internal/backstage-plugin-courses-common';

/**
 * Mirrors Labstage accounts and course memberships into the catalog. Each
 * run replaces the whole set (a full mutation), so deleted accounts and
 * courses disappear without any change tracking.
 *
 * @public
 */
export class LabstageOrgEntityProvider implements EntityProvider {
  #connection?: EntityProviderConnection;

  constructor(
    private readonly deps: {
      directory: Pick<AccountsDirectory, 'listUsers'>;
      courses: { listMemberships(): Promise<CourseMembership[]> };
      logger: LoggerService;
      /** Omit to drive `run()` yourself (tests). */
      schedule?: SchedulerServiceTaskRunner;
    },
  ) {}

  getProviderName(): string {
    return 'labstage-org';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
    // Scheduled only once connected, so the first run never races connect().
    await this.deps.schedule?.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        try {
          await this.run();
        } catch (error) {
          this.deps.logger.warn(`Labstage org refresh failed: ${error}`);
        }
      },
    });
  }

  async run(): Promise<void> {
    if (!this.#connection) {
      throw new Error('LabstageOrgEntityProvider is not connected yet');
    }
    const users = await this.deps.directory.listUsers();
    let courses: CourseMembership[] = [];
    try {
      courses = await this.deps.courses.listMemberships();
    } catch (error) {
      // Users and role groups are still worth publishing without courses.
      this.deps.logger.warn(
        `Could not read course memberships, publishing users and role groups only: ${error}`,
      );
    }
    const entities = buildOrgEntities(users, courses);
    await this.#connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: LABSTAGE_ORG_LOCATION,
      })),
    });
  }
}
