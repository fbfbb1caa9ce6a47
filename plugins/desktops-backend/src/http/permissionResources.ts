import { LoggerService } from '@backstage/backend-plugin-api';
import { DesktopResource } from '@internal/backstage-plugin-desktops-node';
import { DesktopService } from '../service/DesktopService';
import { CourseMemberships } from '../sharing/CourseMemberships';
import { DesktopRecord, ShareStore } from '../store';

/**
 * Builds the permission resources of desktops: the record, the people its
 * owner invited, and the instructors of its course.
 *
 * Shares are read from the database on every check, so a revoked or
 * downgraded share stops counting at once. Course instructors come from the
 * courses plugin through a cache of a few seconds (INSTRUCTORS_CACHE_MS), so
 * an instructor removed from a course stops counting within that time. If
 * the courses plugin cannot be reached, no one counts as an instructor
 * (fail closed); owners and shares still work.
 */
export class DesktopResourceLoader {
  constructor(
    private readonly deps: {
      service: DesktopService;
      shares: ShareStore;
      courses: CourseMemberships;
      logger: LoggerService;
    },
  ) {}

  /** Resources for desktops a request has already loaded, by id. */
  async resourcesOf(
    desktops: DesktopRecord[],
  ): Promise<Map<string, DesktopResource>> {
    const ids = desktops.map(d => d.id);
    const [shares, instructors] = await Promise.all([
      this.deps.shares.listForDesktops(ids),
      this.instructorsOf(desktops),
    ]);
    return new Map(
      desktops.map(d => [
        d.id,
        {
          id: d.id,
          owner: d.owner,
          courseId: d.courseId,
          shares: shares
            .filter(s => s.desktopId === d.id)
            .map(s => ({ grantee: s.grantee, role: s.role })),
          courseInstructors: d.courseId
            ? instructors.get(d.courseId) ?? []
            : [],
        },
      ]),
    );
  }

  /** Loads desktops as permission resources, in the order asked for. */
  async load(ids: string[]): Promise<Array<DesktopResource | undefined>> {
    const found = await this.deps.service.findMany([...new Set(ids)]);
    const resources = await this.resourcesOf(found);
    return ids.map(id => resources.get(id));
  }

  private async instructorsOf(
    desktops: DesktopRecord[],
  ): Promise<Map<string, string[]>> {
    const courseIds = [
      ...new Set(desktops.flatMap(d => (d.courseId ? [d.courseId] : []))),
    ];
    if (courseIds.length === 0) return new Map();
    try {
      return await this.deps.courses.instructorsOf(courseIds);
    } catch (error) {
      this.deps.logger.warn(
        `Could not read the instructors of courses ${courseIds.join(
          ', ',
        )}; nobody counts as their instructor until they can be read: ${error}`,
      );
      return new Map();
    }
  }
}
