import { nowIso } from '@internal/backstage-plugin-labstage-node';
import { RuntimeStatus } from '@internal/backstage-plugin-desktops-node';
import { DateTime } from 'luxon';
import { DesktopParts } from '../service/DesktopParts';
import { DesktopRecord } from '../store';
import { RunInterval } from './RunIntervalStore';

type Evidence = {
  desktop?: DesktopRecord;
  /** Inspected only for rows that say `running`. */
  workload?: RuntimeStatus;
  /** The row says `running` and the workload runs. */
  runs: boolean;
};

/**
 * Engines write times their own way (Docker: nanoseconds); intervals are
 * compared as fixed-width text, so they get the store's format.
 */
function storedTime(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const time = DateTime.fromISO(value, { zone: 'utc' });
  return time.isValid ? time.toUTC().toISO() ?? undefined : undefined;
}

function latest(...times: Array<string | undefined>): string | undefined {
  const present = times.filter((t): t is string => t !== undefined);
  return present.length > 0 ? present.sort()[present.length - 1] : undefined;
}

/**
 * The last moment a desktop is known to have run. A workload that exited
 * says when; otherwise the row's last change (a stop the old backend wrote
 * but could not record, or a desktop that died unnoticed) or its last input
 * or viewer, whichever is later, so nobody is charged for time nothing
 * vouches for. A desktop whose row is gone vouches for nothing past the
 * interval's start.
 */
function lastKnownRunning(evidence: Evidence, interval: RunInterval): string {
  const { desktop, workload } = evidence;
  if (!desktop) return interval.startedAt;
  if (workload?.state === 'exited') {
    const finished = storedTime(workload.finishedAt);
    if (finished) return finished;
  }
  return (
    latest(
      storedTime(desktop.updatedAt),
      storedTime(desktop.lastInputAt),
      storedTime(desktop.lastViewerAt),
    ) ?? interval.startedAt
  );
}

/**
 * Once at backend start, before the reconciler's decisions change any row:
 * brings the run intervals in line with the desktops, for what a crashed or
 * killed backend did not record. Closes the open intervals of desktops that
 * no longer run (at `lastKnownRunning`) and opens one, from the desktop's
 * start, for each running desktop without one (`open` is idempotent).
 *
 * "Runs" means the row says `running` AND the workload runs, both read
 * fresh: a desktop whose container died while no backend watched gets its
 * interval closed when it died, not when the reconciler notices.
 */
export async function recoverRunIntervals(
  { store, runtime }: Pick<DesktopParts, 'store' | 'runtime'>,
  now: string = nowIso(),
): Promise<{ closed: RunInterval[]; opened: RunInterval[] }> {
  const seen = new Map<string, Promise<Evidence>>();
  const evidenceOf = (id: string) => {
    let evidence = seen.get(id);
    if (!evidence) {
      evidence = (async () => {
        const desktop = await store.desktops.get(id);
        if (desktop?.state !== 'running') return { desktop, runs: false };
        const workload = await runtime.inspect(id);
        return { desktop, workload, runs: workload?.state === 'running' };
      })();
      seen.set(id, evidence);
    }
    return evidence;
  };

  const closed = await store.runIntervals.closeDangling(
    async id => (await evidenceOf(id)).runs,
    async interval =>
      lastKnownRunning(await evidenceOf(interval.desktopId), interval),
    { now, reason: 'restart' },
  );

  const opened: RunInterval[] = [];
  for (const row of await store.desktops.listAll()) {
    if (row.state !== 'running') continue;
    if (await store.runIntervals.openInterval(row.id)) continue;
    const { desktop, runs } = await evidenceOf(row.id);
    if (!desktop || !runs) continue;
    const at =
      storedTime(desktop.startedAt) ?? storedTime(desktop.updatedAt) ?? now;
    const result = await store.runIntervals.open(desktop, at < now ? at : now);
    if (result.opened) opened.push(result.interval);
  }
  return { closed, opened };
}
