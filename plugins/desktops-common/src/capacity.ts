import type { ClassSessionView } from './sessions';

/**
 * Capacity: how many desktops this installation can run, from the host's
 * (or the cluster's) allocatable CPU and memory and the resources each
 * desktop asks for.
 */

/** CPUs and memory, in (fractions of) CPUs and MiB. @public */
export type CapacityResources = {
  cpus: number;
  memoryMiB: number;
};

/**
 * One meeting of the next days and whether its students' desktops fit,
 * counted together with the other meetings that overlap it.
 *
 * @public
 */
export type PlannedSession = {
  courseId: string;
  /** The course's short code (CS101), or its id when the courses plugin does not answer. */
  courseCode: string;
  sessionId: string;
  title: string;
  /**
   * ISO 8601 UTC instants of the class. Overlaps are counted over the
   * desktops' whole window: from the warm-up to the stop after the end.
   */
  start: string;
  end: string;
  /** Students enrolled in the course: the desktops the meeting warms up. */
  students: number;
  /** Whether this meeting's desktops fit beside those of the meetings overlapping it. */
  fits: boolean;
  /** How many desktops are missing at the busiest moment of the meeting; 0 when it fits. */
  shortBy: number;
};

/**
 * GET /capacity (admins): what this installation can run now and what the
 * next 7 days of class sessions plan.
 *
 * @public
 */
export type CapacityReport = {
  /** The desktop runtime the numbers come from. */
  source: 'docker' | 'kubernetes';
  /** What the host (Docker) or the Ready, schedulable nodes (Kubernetes) can give. */
  allocatable: CapacityResources;
  /** Resources of the desktops running or starting now. */
  inUse: CapacityResources & { desktops: number };
  /**
   * Resources of one desktop, for `fitsNow`: per resource, the largest the
   * environments of the courses meeting in the next 7 days ask for; the
   * default course desktop (1 CPU, 2048 MiB) when none meets.
   */
  perDesktop: CapacityResources;
  /** How many more desktops of `perDesktop` fit beside those in use. */
  fitsNow: number;
  /** Meetings starting in the next 7 days, by start. */
  upcoming: PlannedSession[];
};

/**
 * POST /courses/:courseId/sessions/capacity-check (body: a
 * CreateClassSessionRequest): why the session would not fit, or null.
 *
 * @public
 */
export type CapacityCheckResponse = {
  warning: string | null;
};

/**
 * POST /courses/:courseId/sessions and PATCH …/sessions/:sessionId: the
 * session, and a warning when its meetings would exceed capacity (it is
 * saved all the same).
 *
 * @public
 */
export type ClassSessionSaveResponse = ClassSessionView & {
  capacityWarning?: string;
};
