import { LoggerService } from '@backstage/backend-plugin-api';
import { ClassOccurrence } from '@internal/backstage-plugin-desktops-common';
import { DateTime } from 'luxon';
import { errorMessage } from '../service/errorMessage';
import { DesktopRecord, SessionRunStore, SessionStore } from '../store';
import { runKey } from '../store/runKey';
import { runPaced } from './runPaced';
import { SessionNotices } from './sessionNotices';
import { CourseRoster } from './sessionRosters';
import { untilSettled } from './untilSettled';
import { reportWarmUpProblemsOnce } from './warmUpProblems';

/** Starts a student's course desktop (CourseEnvironments.launch). */
export type CourseDesktopLauncher = {
  launch(
    owner: string,
    courseId: string,
    requestedAt: Date,
  ): Promise<{ desktop: DesktopRecord }>;
};

export type WarmUpDeps = {
  sessions: SessionStore;
  runs: SessionRunStore;
  launcher: CourseDesktopLauncher;
  readDesktop: (id: string) => Promise<DesktopRecord | undefined>;
  displayNames: (refs: string[]) => Promise<Map<string, string>>;
  notices: SessionNotices;
  logger: LoggerService;
  /** Desktops started at once. */
  concurrency: number;
  /** How often a starting desktop's row is read. */
  pollMs?: number;
};

type Outcome =
  | { outcome: 'started'; desktopId: string; reason: null }
  | { outcome: 'failed'; desktopId: string | null; reason: string };

/**
 * One student's course desktop, started (or found running) and waited for,
 * so that at most `concurrency` desktops start at once. Undefined when the
 * tick stopped waiting: nothing is recorded and the next tick tries again.
 */
async function startDesktopOf(
  deps: WarmUpDeps,
  student: string,
  courseId: string,
  signal: AbortSignal,
  keepGoing: () => boolean,
): Promise<Outcome | undefined> {
  // A desktop its owner stops while it starts is started once more.
  for (let attempt = 0; attempt < 2; attempt++) {
    let desktop: DesktopRecord;
    try {
      ({ desktop } = await deps.launcher.launch(student, courseId, new Date()));
    } catch (error) {
      if (signal.aborted) return undefined;
      // Quotas, a missing environment: the service's reason, as the
      // student would have read it at Launch.
      return {
        outcome: 'failed',
        desktopId: null,
        reason: errorMessage(error),
      };
    }
    const settled = await untilSettled(deps.readDesktop, desktop.id, {
      signal,
      pollMs: deps.pollMs,
      keepGoing,
    });
    if (!settled) return undefined;
    if (settled.state === 'running') {
      return { outcome: 'started', desktopId: settled.id, reason: null };
    }
    if (settled.state === 'error') {
      return {
        outcome: 'failed',
        desktopId: settled.id,
        reason: settled.stateReason ?? 'The desktop could not start',
      };
    }
  }
  return {
    outcome: 'failed',
    desktopId: null,
    reason: 'The desktop was stopped while it started',
  };
}

/**
 * The warm-up of one claimed meeting: every enrolled student without an
 * outcome yet gets their course desktop started, paced, then a notice (or
 * a recorded problem). Once every student has an outcome the run becomes
 * `warm`; the instructors hear of the problems then or at class start,
 * once. Resumable: students already done are skipped, and an outcome is
 * inserted once, so a resumed run never starts or tells anyone twice.
 * Returns whether the run is warm.
 */
export async function warmUpMeeting(
  deps: WarmUpDeps,
  occurrence: ClassOccurrence,
  roster: CourseRoster,
  now: Date,
  options: { signal: AbortSignal; keepGoing: () => boolean },
): Promise<boolean> {
  const key = [occurrence.sessionId, occurrence.start] as const;
  const done = new Set(
    (await deps.runs.outcomesOf(...key)).map(o => o.student),
  );
  const todo = roster.students.filter(s => !done.has(s));
  const toldToday =
    todo.length > 0
      ? await toldEarlierToday(deps, occurrence, roster)
      : new Set<string>();
  await runPaced(
    todo,
    deps.concurrency,
    async student => {
      try {
        const outcome = await startDesktopOf(
          deps,
          student,
          roster.courseId,
          options.signal,
          options.keepGoing,
        );
        if (!outcome) return;
        const inserted = await deps.runs.recordOutcome({
          sessionId: occurrence.sessionId,
          occurrenceStart: occurrence.start,
          student,
          ...outcome,
        });
        if (
          inserted &&
          outcome.outcome === 'started' &&
          !toldToday.has(student)
        ) {
          await deps.notices.desktopReady(
            student,
            outcome.desktopId,
            occurrence,
            roster,
            now,
          );
        }
      } catch (error) {
        // Left without an outcome: the next tick tries this student again.
        deps.logger.warn(
          `Warming up the desktop of ${student} for ${roster.code} failed: ${error}`,
        );
      }
    },
    () => options.keepGoing() && !options.signal.aborted,
  );

  const outcomes = await deps.runs.outcomesOf(...key);
  const recorded = new Set(outcomes.map(o => o.student));
  const complete = roster.students.every(s => recorded.has(s));
  if (complete) await deps.sessions.markRun(...key, 'warm');
  // The instructors hear once: when everyone has an outcome, or at class
  // start with whoever the warm-up has not reached by then.
  if (complete || now.getTime() >= Date.parse(occurrence.start)) {
    await reportWarmUpProblemsOnce(deps, occurrence, roster);
  }
  return complete;
}

/**
 * The students already told that their desktop is ready for another run
 * of this session on the same local day: a meeting whose start time was
 * edited during its warm-up gets a new run (its key is the start), which
 * finds their desktops running and must not tell them a second time.
 */
async function toldEarlierToday(
  deps: WarmUpDeps,
  occurrence: ClassOccurrence,
  roster: CourseRoster,
): Promise<Set<string>> {
  const key = runKey(occurrence.start);
  const sameDay = (await deps.sessions.listRuns(occurrence.sessionId)).filter(
    r =>
      r.occurrenceStart !== key &&
      DateTime.fromISO(r.occurrenceStart, { zone: 'utc' })
        .setZone(roster.timeZone)
        .toISODate() === occurrence.date,
  );
  const told = new Set<string>();
  for (const run of sameDay) {
    for (const o of await deps.runs.outcomesOf(
      run.sessionId,
      run.occurrenceStart,
    )) {
      if (o.outcome === 'started') told.add(o.student);
    }
  }
  return told;
}
