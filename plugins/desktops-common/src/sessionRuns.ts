import type { ClassOccurrence } from './sessions';
import type { DesktopState } from './types';

/**
 * Warm-up of class sessions: what the backend's runner did for each
 * meeting, and what a course member sees while a meeting is on.
 */

/**
 * Where a meeting is: `warming-up` over [warmUpAt, start), `in-class` over
 * [start, end), `after-class` over [end, stopAt).
 *
 * @public
 */
export type ClassSessionPhase = 'warming-up' | 'in-class' | 'after-class';

/**
 * GET /courses/:courseId/sessions/now (course members): the non-cancelled
 * meeting whose [warmUpAt, stopAt) contains now, and the caller's own
 * course desktop (null when they have none).
 *
 * @public
 */
export type ClassSessionNowResponse = {
  occurrence: ClassOccurrence | null;
  phase: ClassSessionPhase | null;
  desktop: { id: string; state: DesktopState } | null;
  /**
   * Why the warm-up of this meeting could not start the caller's desktop
   * (a quota, no environment…), as recorded; null when it did not fail.
   * Optional: absent from servers before it.
   */
  problem?: string | null;
};

/**
 * How far the warm-up of one meeting got: `warming` from its claim on,
 * `warm` once every student's desktop was started or reported as not
 * startable, `ended` once the desktops were stopped after the class.
 *
 * @public
 */
export type ClassSessionRunState = 'warming' | 'warm' | 'ended';

/** A student whose desktop the warm-up could not start, and why. @public */
export type ClassSessionRunProblem = {
  /** User entity ref. */
  student: string;
  displayName: string;
  reason: string;
};

/**
 * One meeting's warm-up as GET /courses/:courseId/sessions/:sessionId/runs
 * (course managers) lists it, newest meeting first.
 *
 * @public
 */
export type ClassSessionRunView = {
  sessionId: string;
  /** The meeting's `start` (ISO 8601 UTC), as in ClassOccurrence. */
  occurrenceStart: string;
  state: ClassSessionRunState;
  /** How many students' desktops the warm-up started or found running. */
  started: number;
  problems: ClassSessionRunProblem[];
};

/** @public */
export type ClassSessionRunsResponse = {
  items: ClassSessionRunView[];
};
