import type { ListResponse } from '@internal/backstage-plugin-labstage-common';
import { z } from 'zod';
import { DESKTOP_TRANSITIONS } from './states';
import type { DesktopState } from './types';

/**
 * A raised hand: the owner of a course desktop asks the course's
 * instructors for help. It stays up until the owner or an instructor
 * lowers it.
 *
 * @public
 */
export type DesktopHand = {
  desktopId: string;
  /** ISO 8601. */
  raisedAt: string;
  /** User entity ref of the person who raised it (the owner). */
  raisedBy: string;
};

/** Answer of `GET /desktops/:id/hand`. @public */
export type DesktopHandResponse = { hand: DesktopHand | null };

/** A student's course desktop as the classroom grid shows it. @public */
export type ClassroomDesktop = {
  id: string;
  name: string;
  state: DesktopState;
  stateReason: string | null;
  /** Last input from a viewer, or last start (as `Desktop.lastActiveAt`). */
  lastActiveAt: string | null;
};

/**
 * One enrolled student in the instructor's classroom grid.
 *
 * @public
 */
export type ClassroomSeat = {
  /** `user:default/<username>`. */
  userEntityRef: string;
  username: string;
  displayName: string;
  /** The student's desktop of this course; null before their first launch. */
  desktop: ClassroomDesktop | null;
  /** When the student raised their hand; null when it is down. */
  handRaisedAt: string | null;
  /**
   * Whole minutes since the student last used the desktop (input, or its
   * start) while it runs; null when it does not run. Watching does not
   * count as use.
   */
  idleMinutes: number | null;
  /**
   * Path of the desktop's live thumbnail below the desktops plugin's base
   * URL (`/desktops/<id>/thumbnail`); null unless the desktop runs.
   */
  thumbnailPath: string | null;
};

/** Answer of `GET /courses/:courseId/classroom`. @public */
export type ClassroomResponse = ListResponse<ClassroomSeat>;

/** `none`: students who have no desktop in the course. @public */
export type ClassroomStateFilter = DesktopState | 'none';

const desktopStates = Object.keys(DESKTOP_TRANSITIONS) as [
  DesktopState,
  ...DesktopState[],
];

/** Query of `GET /courses/:courseId/classroom`. @public */
export const classroomQuerySchema = z.strictObject({
  /** Only seats whose desktop is in this state (`none`: no desktop). */
  state: z.enum([...desktopStates, 'none']).optional(),
});

/**
 * Messages on a course's classroom channel: a hand went up or down. Sent to
 * the course's instructors and to the desktop's owner.
 *
 * @public
 */
export type ClassroomSignal = {
  type: 'hand-changed';
  courseId: string;
  desktopId: string;
  /** User entity ref of the desktop's owner. */
  owner: string;
  /** The hand now; null once lowered. */
  hand: DesktopHand | null;
  /** User entity ref of whoever raised or lowered it. */
  changedBy: string;
};

/** Signals channel of one course's classroom. @public */
export function classroomSignalChannel(courseId: string): string {
  return `desktops-classroom:${courseId}`;
}
