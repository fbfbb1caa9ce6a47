import { HttpAuthService, LoggerService } from '@backstage/backend-plugin-api';
import { AccountsDirectory } from '@internal/backstage-plugin-accounts-node';
import { CourseResource } from '@internal/backstage-plugin-courses-node';
import {
  PermissionDecisionCache,
  ResourceAuthorizer,
} from '@internal/backstage-plugin-labstage-node';
import { MaterialStorage } from '../materials/MaterialStorage';
import { RosterService } from '../service/RosterService';
import { CoursesStore } from '../store';

/** Everything a route needs. */
export type RouteContext = {
  store: CoursesStore;
  roster: RosterService;
  /** The policy's decisions, cached for seconds per user. */
  decisions: PermissionDecisionCache;
  /** Course permissions, with conditions applied here to loaded courses. */
  courseAuthorizer: ResourceAuthorizer<CourseResource, 'course'>;
  httpAuth: HttpAuthService;
  directory: AccountsDirectory;
  storage: MaterialStorage;
  logger: LoggerService;
  maxMaterialBytes: number;
  /** `courses.defaultTimeZone`, validated: the zone of a course created without one. */
  defaultTimeZone: string;
};
