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
 * Courses by id, for work done without a user (the hour check). A subset
 * of the class session runner's `SessionRosters`, so the plugin reads
 * both from the courses plugin the same way (`rostersFromMemberships`).
 */
export interface CourseDirectory {
  /** The courses the courses plugin knows, by id; unknown ids are left out. */
  rostersOf(courseIds: string[]): Promise<Map<string, CourseFacts>>;
}
