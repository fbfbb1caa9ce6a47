import {
  AuthService,
  DiscoveryService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { userEntityRefFor } from '@internal/backstage-plugin-accounts-common';
import {
  CourseMembership,
  FALLBACK_TIME_ZONE,
} from '@internal/backstage-plugin-courses-common';
import { createPluginFetch } from '@internal/backstage-plugin-labstage-node';

/** What the hour quotas need to know of a course. */
export type CourseFacts = {
  courseId: string;
  /** e.g. CS101, for messages. */
  code: string;
  /** IANA zone its weeks and sessions are in. */
  timeZone: string;
  /** User entity refs of its instructors, who have no hour limit. */
  instructors: string[];
};

/**
 * Courses by id, for backend work done without a user (quota checks). The
 * shape of the class session runner's `SessionRosters`, so one reader can
 * serve both.
 */
export interface CourseDirectory {
  /** The courses the courses plugin knows, by id; unknown ids are left out. */
  rostersOf(courseIds: string[]): Promise<Map<string, CourseFacts>>;
}

/** How long facts are reused: a check reads each running course once. */
const CACHE_MS = 30_000;
/** Course ids per call, keeping the query string short. */
const COURSES_PER_CALL = 50;

/**
 * Reads courses from the courses plugin's `/internal/memberships`, as the
 * desktops plugin itself: the quota check runs on the scheduler, with no
 * user to read the course as. A course without a zone (a courses plugin
 * from before zones) is in `courses.defaultTimeZone`, else UTC, as
 * `courseTimeZone` places it.
 */
export class CoursesPluginDirectory implements CourseDirectory {
  private readonly fetch: ReturnType<typeof createPluginFetch>;
  private readonly cache = new Map<
    string,
    { expiresAt: number; facts: CourseFacts }
  >();

  constructor(
    private readonly deps: {
      discovery: DiscoveryService;
      auth: AuthService;
      config: RootConfigService;
    },
  ) {
    this.fetch = createPluginFetch(deps.discovery, deps.auth, 'courses');
  }

  async rostersOf(courseIds: string[]): Promise<Map<string, CourseFacts>> {
    const now = Date.now();
    const result = new Map<string, CourseFacts>();
    const missing: string[] = [];
    for (const id of new Set(courseIds)) {
      const cached = this.cache.get(id);
      if (cached && cached.expiresAt > now) result.set(id, cached.facts);
      else missing.push(id);
    }
    const fallbackZone =
      this.deps.config.getOptionalString('courses.defaultTimeZone') ??
      FALLBACK_TIME_ZONE;
    for (let i = 0; i < missing.length; i += COURSES_PER_CALL) {
      const query = missing
        .slice(i, i + COURSES_PER_CALL)
        .map(id => `courseId=${encodeURIComponent(id)}`)
        .join('&');
      const response = await this.fetch(`/internal/memberships?${query}`);
      if (!response.ok) throw await ResponseError.fromResponse(response);
      const { items } = (await response.json()) as {
        items: CourseMembership[];
      };
      for (const course of items) {
        const facts: CourseFacts = {
          courseId: course.courseId,
          code: course.code,
          timeZone: course.timeZone ?? fallbackZone,
          instructors: course.instructors.map(userEntityRefFor),
        };
        this.cache.set(course.courseId, {
          expiresAt: now + CACHE_MS,
          facts,
        });
        result.set(course.courseId, facts);
      }
    }
    return result;
  }
}
