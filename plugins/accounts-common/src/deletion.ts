import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from './identity';

/**
 * What deleting an account removes and keeps, shown in the confirmation
 * before anything happens. Assembled by the accounts module from the
 * plugins that hold the user's things.
 *
 * @public
 */
export type AccountDeletionPreview = {
  username: string;
  displayName: string;
  /** Desktops, each removed with its home folder. */
  desktops: number;
  /** Course enrolments (as student or instructor), removed. */
  enrolments: number;
  /** Posts and comments stay, shown as written by "deleted user". */
  posts: number;
  comments: number;
  /**
   * Courses the user is the only instructor of. Deletion is refused while
   * any is listed: add another instructor or archive the course first.
   */
  soleInstructorOf: Array<{ courseId: string; code: string; title: string }>;
  /** Why deletion would be refused right now, if it would. */
  blockedBecause?: string;
};

/**
 * Author shown for posts and comments of a deleted account. Stored as
 * DELETED_AUTHOR, which no username can be, so a later account with the
 * same name never inherits them.
 *
 * @public
 */
export const DELETED_AUTHOR = '~deleted';
/** @public */
export const DELETED_AUTHOR_DISPLAY_NAME = 'deleted user';

/** `DELETE /me`: the current password confirms it is really the user. */
export const deleteOwnAccountRequestSchema = z.object({
  password: z.string().min(1, 'Enter your password').max(PASSWORD_MAX_LENGTH),
});
/** @public */
export type DeleteOwnAccountRequest = z.infer<
  typeof deleteOwnAccountRequestSchema
>;

/**
 * What courses-backend reports of a user, and what it removed when asked.
 *
 * @public
 */
export type CourseFootprint = {
  enrolments: number;
  posts: number;
  comments: number;
  soleInstructorOf: Array<{ courseId: string; code: string; title: string }>;
};

/** What desktops-backend reports of a user. @public */
export type DesktopFootprint = { desktops: number };
