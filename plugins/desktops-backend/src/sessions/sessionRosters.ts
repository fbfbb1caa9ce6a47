import { userEntityRefFor } from '@internal/backstage-plugin-accounts-common';
import { CourseMembership } from '@internal/backstage-plugin-courses-common';

/** A course as the class session runner needs it, read at each tick. */
export type CourseRoster = {
  courseId: string;
  code: string;
  title: string;
  /** The IANA zone its sessions are placed in. */
  timeZone: string;
  /** User entity refs. */
  instructors: string[];
  /** User entity refs. */
  students: string[];
};

/** Who is in the courses whose meetings the runner acts on. */
export interface SessionRosters {
  /** By course id; a course the courses plugin does not know is absent. */
  rostersOf(courseIds: string[]): Promise<Map<string, CourseRoster>>;
}

/**
 * Rosters from the courses plugin's memberships (read as the desktops
 * plugin: the runner acts for no user). A course without a zone (a
 * courses plugin from before zones) is in `defaultTimeZone`.
 */
export function rostersFromMemberships(
  memberships: { membersOf(courseIds: string[]): Promise<CourseMembership[]> },
  defaultTimeZone: string,
): SessionRosters {
  return {
    async rostersOf(courseIds) {
      if (courseIds.length === 0) return new Map();
      const courses = await memberships.membersOf(courseIds);
      return new Map(
        courses.map(c => [
          c.courseId,
          {
            courseId: c.courseId,
            code: c.code,
            title: c.title,
            timeZone: c.timeZone ?? defaultTimeZone,
            instructors: c.instructors.map(userEntityRefFor),
            students: c.students.map(userEntityRefFor),
          },
        ]),
      );
    },
  };
}
