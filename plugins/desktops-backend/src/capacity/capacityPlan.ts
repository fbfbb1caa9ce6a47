import {
  CapacityResources,
  ClassOccurrence,
} from '@internal/backstage-plugin-desktops-common';

/**
 * Capacity arithmetic, pure: how many desktops fit in what is free, and
 * whether each planned meeting's desktops fit beside those of the meetings
 * overlapping it. A meeting occupies its desktops over its whole window,
 * from the warm-up to the stop after the end.
 */

/** One meeting and what it asks for: a desktop per enrolled student. */
export type PlannedMeeting = {
  occurrence: ClassOccurrence;
  courseCode: string;
  /** The course's zone, for messages. */
  timeZone: string;
  students: number;
  /** What one desktop of the course takes (its environment's resources). */
  perDesktop: CapacityResources;
};

/** A meeting's fit: what it could get at its busiest moment. */
export type MeetingFit = {
  meeting: PlannedMeeting;
  /** Desktops of its kind that fit at its busiest moment. */
  available: number;
  fits: boolean;
  shortBy: number;
  /** The other meetings running at that moment. */
  overlapping: PlannedMeeting[];
};

// Resources are decimals (0.5 CPU); 3 × 0.1 is 0.30000000000000004.
const EPSILON = 1e-9;

/** How many desktops of `perDesktop` fit in `free` (never below 0). */
export function desktopsThatFit(
  free: CapacityResources,
  perDesktop: CapacityResources,
): number {
  const byCpu = free.cpus / perDesktop.cpus;
  const byMemory = free.memoryMiB / perDesktop.memoryMiB;
  return Math.max(0, Math.floor(Math.min(byCpu, byMemory) + EPSILON));
}

const windowOf = (m: PlannedMeeting) => ({
  from: Date.parse(m.occurrence.warmUpAt),
  to: Date.parse(m.occurrence.stopAt),
});

/**
 * What `meetings` running together take. A student has one desktop per
 * course, so two meetings of one course at once take its desktops once
 * (the larger of the two).
 */
function demandOf(meetings: PlannedMeeting[]): CapacityResources {
  const byCourse = new Map<string, CapacityResources>();
  for (const m of meetings) {
    const mine = {
      cpus: m.students * m.perDesktop.cpus,
      memoryMiB: m.students * m.perDesktop.memoryMiB,
    };
    const seen = byCourse.get(m.occurrence.courseId);
    byCourse.set(
      m.occurrence.courseId,
      seen
        ? {
            cpus: Math.max(seen.cpus, mine.cpus),
            memoryMiB: Math.max(seen.memoryMiB, mine.memoryMiB),
          }
        : mine,
    );
  }
  return [...byCourse.values()].reduce(
    (sum, d) => ({
      cpus: sum.cpus + d.cpus,
      memoryMiB: sum.memoryMiB + d.memoryMiB,
    }),
    { cpus: 0, memoryMiB: 0 },
  );
}

/**
 * Whether `meeting` fits in `allocatable` with the meetings of `all` that
 * overlap it. The others' demand only grows when one of them starts, so
 * the busiest moment is the meeting's own start or a later start of
 * another within its window.
 */
export function fitOf(
  meeting: PlannedMeeting,
  all: PlannedMeeting[],
  allocatable: CapacityResources,
): MeetingFit {
  const own = windowOf(meeting);
  // The same course's other meetings use the same students' desktops.
  const others = all.filter(o => {
    if (o.occurrence.courseId === meeting.occurrence.courseId) return false;
    const w = windowOf(o);
    return w.from < own.to && own.from < w.to;
  });
  const moments = [
    own.from,
    ...others.map(o => windowOf(o).from).filter(t => t > own.from),
  ];
  let worst: { available: number; overlapping: PlannedMeeting[] } | undefined;
  for (const at of moments) {
    const running = others.filter(o => {
      const w = windowOf(o);
      return w.from <= at && at < w.to;
    });
    const used = demandOf(running);
    const available = desktopsThatFit(
      {
        cpus: allocatable.cpus - used.cpus,
        memoryMiB: allocatable.memoryMiB - used.memoryMiB,
      },
      meeting.perDesktop,
    );
    if (!worst || available < worst.available) {
      worst = { available, overlapping: running };
    }
  }
  const { available, overlapping } = worst!;
  const shortBy = Math.max(0, meeting.students - available);
  return { meeting, available, fits: shortBy === 0, shortBy, overlapping };
}
