import { ClassSessionRunView } from '@internal/backstage-plugin-desktops-common';
import { SessionRunStore, SessionStore } from '../store';

/**
 * A session's warm-ups as instructors see them, newest meeting first:
 * how many desktops each started and who it could not start, and why.
 */
export async function sessionRunViews(
  stores: { sessions: SessionStore; runs: SessionRunStore },
  sessionId: string,
  displayNames: (refs: string[]) => Promise<Map<string, string>>,
): Promise<ClassSessionRunView[]> {
  const runs = await stores.sessions.listRuns(sessionId);
  const outcomes = await stores.runs.outcomesOfSession(sessionId);
  const names = await displayNames(
    outcomes.filter(o => o.outcome === 'failed').map(o => o.student),
  );
  return runs.reverse().map(run => {
    const mine = outcomes.filter(
      o => o.occurrenceStart === run.occurrenceStart,
    );
    return {
      sessionId: run.sessionId,
      occurrenceStart: run.occurrenceStart,
      state: run.state,
      started: mine.filter(o => o.outcome === 'started').length,
      problems: mine
        .filter(o => o.outcome === 'failed')
        .map(o => ({
          student: o.student,
          displayName: names.get(o.student) ?? o.student,
          reason: o.reason ?? 'Unknown',
        })),
    };
  });
}
