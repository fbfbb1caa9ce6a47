import { ClassOccurrence } from '@internal/backstage-plugin-desktops-common';
import { SessionRunStore } from '../store';
import { SessionNotices } from './sessionNotices';
import { CourseRoster } from './sessionRosters';

/** The reason listed for a student the warm-up had not reached. */
export const NOT_REACHED_REASON = 'Not started by class start';

/**
 * Tells the instructors, once per meeting, whose desktops the warm-up
 * could not start: those it failed for and, when called at class start
 * with the warm-up unfinished, those it had not reached yet. Whoever
 * records the notice sends it (nothing is sent if nobody is listed).
 */
export async function reportWarmUpProblemsOnce(
  deps: {
    runs: SessionRunStore;
    notices: SessionNotices;
    displayNames: (refs: string[]) => Promise<Map<string, string>>;
  },
  occurrence: Pick<ClassOccurrence, 'sessionId' | 'start'>,
  roster: CourseRoster,
): Promise<void> {
  const key = [occurrence.sessionId, occurrence.start] as const;
  if (!(await deps.runs.recordProblemsNotice(...key))) return;
  const outcomes = await deps.runs.outcomesOf(...key);
  const reached = new Set(outcomes.map(o => o.student));
  const problems = [
    ...outcomes
      .filter(o => o.outcome === 'failed')
      .map(o => ({ student: o.student, reason: o.reason ?? 'Unknown' })),
    ...roster.students
      .filter(s => !reached.has(s))
      .map(student => ({ student, reason: NOT_REACHED_REASON })),
  ];
  await deps.notices.warmUpProblems(
    problems,
    await deps.displayNames(problems.map(p => p.student)),
    occurrence,
    roster,
  );
}
