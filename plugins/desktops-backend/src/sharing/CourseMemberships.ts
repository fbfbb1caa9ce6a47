import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { userEntityRefFor } from '@internal/backstage-plugin-accounts-common';
import { CourseMembership } from '@internal/backstage-plugin-courses-common';
import { createPluginFetch } from '@internal/backstage-plugin-labstage-node';

/** Who is in which course, as the desktops plugin needs it. */
export interface CourseMemberships {
  /**
   * Instructors (user entity refs) of each course, by course id. A course
   * the courses plugin does not know maps to no one.
   */
  instructorsOf(courseIds: string[]): Promise<Map<string, string[]>>;
  /** Every course the user is in, with all of its members (usernames). */
  coursesOf(username: string): Promise<CourseMembership[]>;
}

/**
 * How long a course's instructor list is reused. A class grid checks every
 * student's desktop at once and the permission framework asks again for
 * each request, so this saves a call to the courses plugin per desktop; it
 * is also the longest an instructor removed from a course keeps counting as
 * one for that course's desktops (new tickets, reads). Shares have no such
 * delay: they are read from this plugin's own table on every check.
 */
export const INSTRUCTORS_CACHE_MS = 5_000;

/** Course ids per call, keeping the query string short. */
const COURSES_PER_CALL = 50;

/**
 * Reads memberships from the courses plugin's `/internal/memberships`, as
 * the desktops plugin itself (permission checks run with the plugin's own
 * credentials, not the user's).
 */
export class CoursesPluginMemberships implements CourseMemberships {
  private readonly fetch: ReturnType<typeof createPluginFetch>;
  private readonly instructors = new Map<
    string,
    { expiresAt: number; refs: Promise<string[]> }
  >();

  constructor(
    private readonly deps: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
      cacheMs?: number;
    },
  ) {
    this.fetch = createPluginFetch(deps.discovery, deps.auth, 'courses');
  }

  async instructorsOf(courseIds: string[]): Promise<Map<string, string[]>> {
    const now = Date.now();
    const missing = [...new Set(courseIds)].filter(
      id => !((this.instructors.get(id)?.expiresAt ?? 0) > now),
    );
    const expiresAt = now + (this.deps.cacheMs ?? INSTRUCTORS_CACHE_MS);
    // One call per chunk of courses not cached; concurrent checks of the
    // same courses wait for it instead of calling again.
    for (let i = 0; i < missing.length; i += COURSES_PER_CALL) {
      const chunk = missing.slice(i, i + COURSES_PER_CALL);
      const loaded = this.memberships(
        chunk.map(id => `courseId=${encodeURIComponent(id)}`).join('&'),
      );
      for (const id of chunk) {
        const refs = loaded.then(courses =>
          (courses.find(c => c.courseId === id)?.instructors ?? []).map(
            userEntityRefFor,
          ),
        );
        this.instructors.set(id, { expiresAt, refs });
        // A failure is not remembered: the next check asks again.
        refs.catch(() => {
          if (this.instructors.get(id)?.refs === refs) {
            this.instructors.delete(id);
          }
        });
      }
    }
    const pending = [...new Set(courseIds)].map(
      id => [id, this.instructors.get(id)!.refs] as const,
    );
    const result = new Map<string, string[]>();
    for (const [id, refs] of pending) result.set(id, await refs);
    return result;
  }

  async coursesOf(username: string): Promise<CourseMembership[]> {
    return this.memberships(`member=${encodeURIComponent(username)}`);
  }

  /**
   * The named courses with all their members, read now (the class session
   * runner starts the desktops of whoever is enrolled at warm-up). A
   * course the courses plugin does not know is left out.
   */
  async membersOf(courseIds: string[]): Promise<CourseMembership[]> {
    const unique = [...new Set(courseIds)];
    const found: CourseMembership[] = [];
    for (let i = 0; i < unique.length; i += COURSES_PER_CALL) {
      const chunk = unique.slice(i, i + COURSES_PER_CALL);
      found.push(
        ...(await this.memberships(
          chunk.map(id => `courseId=${encodeURIComponent(id)}`).join('&'),
        )),
      );
    }
    return found;
  }

  private async memberships(query: string): Promise<CourseMembership[]> {
    const response = await this.fetch(`/internal/memberships?${query}`);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return ((await response.json()) as { items: CourseMembership[] }).items;
  }
}
