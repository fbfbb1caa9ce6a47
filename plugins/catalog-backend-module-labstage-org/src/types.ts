/**
 * One course's people, as served by courses-backend's
 * `GET /api/courses/internal/memberships`.
 *
 * @public
 */
export type CourseMembership = {
  courseId: string;
  code: string;
  title: string;
  /** Usernames. */
  instructors: string[];
  /** Usernames. */
  students: string[];
};
