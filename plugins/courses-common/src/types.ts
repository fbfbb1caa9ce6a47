/**
 * Role of a user within one course.
 *
 * @public
 */
export type CourseRole = 'instructor' | 'student';

/** @public */
export const COURSE_ROLES: readonly CourseRole[] = ['instructor', 'student'];

/** @public */
export type Board = 'announcements' | 'qa';

/** @public */
export const BOARDS: readonly Board[] = ['announcements', 'qa'];

/**
 * A course as returned by the courses API.
 *
 * @public
 */
export type Course = {
  id: string;
  title: string;
  /** Short code such as `CS101`. */
  code: string;
  term: string;
  /** Markdown. */
  description: string;
  archived: boolean;
  /**
   * IANA time zone (e.g. `Europe/Berlin`) the course's class sessions are
   * scheduled in.
   */
  timeZone: string;
  /**
   * The join code; only present (string or null) for callers allowed to
   * update the course, `undefined` for everyone else.
   */
  joinCode?: string | null;
  joinCodeEnabled: boolean;
  /** The caller's role in this course, or null if not enrolled. */
  myRole: CourseRole | null;
  /** ISO 8601 timestamps. */
  createdAt: string;
  updatedAt: string;
};

/** @public */
export type RosterEntry = {
  username: string;
  displayName: string;
  role: CourseRole;
  /** ISO 8601 timestamp. */
  joinedAt: string;
};

/** @public */
export type Post = {
  id: string;
  courseId: string;
  board: Board;
  title: string;
  /** Markdown. */
  body: string;
  authorUsername: string;
  authorDisplayName: string;
  pinned: boolean;
  locked: boolean;
  createdAt: string;
  updatedAt: string;
  commentCount: number;
  /** The caller may edit title/body (the author, or a moderator). */
  canEdit: boolean;
  /** The caller may pin, lock and delete (moderator). */
  canModerate: boolean;
};

/** @public */
export type Comment = {
  id: string;
  postId: string;
  /** Markdown. */
  body: string;
  authorUsername: string;
  authorDisplayName: string;
  createdAt: string;
  updatedAt: string;
  /** The caller may edit/delete this comment (author or moderator). */
  canEdit: boolean;
};

/** @public */
export type Material = {
  id: string;
  courseId: string;
  /** Neutralized display name. */
  filename: string;
  /** Bytes. */
  size: number;
  contentType: string;
  uploadedBy: string;
  createdAt: string;
};

/**
 * One page of a paginated list. `page` is 1-based.
 *
 * @public
 */
export type Page<T> = {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
};

/** @public */
export type CourseMembership = {
  courseId: string;
  code: string;
  title: string;
  /**
   * The course's IANA time zone, for backend plugins that place its
   * schedule (class sessions, weekly hour quotas) without a user to read
   * the course as. Absent from a courses plugin from before zones.
   */
  timeZone?: string;
  /** Usernames. */
  instructors: string[];
  /** Usernames. */
  students: string[];
};

/** Response of `GET /internal/join-codes/:code`. @public */
export type JoinCodeInfo = {
  courseId: string;
  code: string;
  title: string;
  term: string;
};

/** An announcement with its course, for `GET /announcements/recent`. @public */
export type RecentAnnouncement = Post & {
  courseCode: string;
  courseTitle: string;
};

/** @public */
export const MAX_PAGE_SIZE = 50;
/** @public */
export const DEFAULT_PAGE_SIZE = 20;
