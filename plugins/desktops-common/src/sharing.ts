import { z } from 'zod';
import type { Desktop, ShareRole } from './types';

/**
 * One person the owner invited to a desktop. Times are ISO 8601 strings.
 *
 * @public
 */
export type DesktopShare = {
  desktopId: string;
  /** User entity ref of the invited person, `user:default/<name>`. */
  grantee: string;
  granteeName: string;
  role: ShareRole;
  /** User entity ref of whoever first invited them (the owner or an admin). */
  grantedBy: string;
  grantedAt: string;
  updatedAt: string;
};

/**
 * Someone the owner may invite: a classmate from a course both are in, or
 * an instructor of such a course.
 *
 * @public
 */
export type ShareCandidate = {
  userEntityRef: string;
  displayName: string;
  /** `instructor` if they teach any of `courses`. */
  relation: 'classmate' | 'instructor';
  /** The courses the owner and the candidate are both in. */
  courses: Array<{ id: string; title: string }>;
};

/**
 * A desktop someone else invited the caller to, with what the invitation
 * allows.
 *
 * @public
 */
export type SharedDesktop = Desktop & {
  role: ShareRole;
  /** Display name of the owner. */
  ownerName: string;
};

/** PUT /desktops/:id/shares/:grantee @public */
export const putShareRequestSchema = z.strictObject({
  role: z.enum(['viewer', 'controller'], {
    error: 'The role is "viewer" or "controller"',
  }),
});

/** @public */
export type PutShareRequest = z.infer<typeof putShareRequestSchema>;
