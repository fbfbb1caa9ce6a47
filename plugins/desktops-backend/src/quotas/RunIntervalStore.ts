import { nowIso } from '@internal/backstage-plugin-labstage-node';
import { Knex } from 'knex';
import { DesktopRecord } from '../store';

const TABLE = 'desktop_run_intervals';

/**
 * One stretch of time a desktop ran. Times are ISO 8601 UTC strings;
 * `endedAt` is null while the desktop runs.
 */
export type RunInterval = {
  id: string;
  desktopId: string;
  /** Lower-case user entity ref of the desktop's owner. */
  owner: string;
  courseId: string | null;
  startedAt: string;
  endedAt: string | null;
  /** Why it ended (e.g. `stopped`, `quota`, `idle`, `restart`); null while open. */
  endReason: string | null;
};

type RunIntervalRow = {
  id: number | string;
  desktop_id: string;
  owner: string;
  course_id: string | null;
  started_at: string;
  ended_at: string | null;
  end_reason: string | null;
};

function toInterval(row: RunIntervalRow): RunInterval {
  return {
    // bigIncrements: a number on SQLite, a string (bigint) on PostgreSQL.
    id: String(row.id),
    desktopId: row.desktop_id,
    owner: row.owner,
    courseId: row.course_id,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    endReason: row.end_reason,
  };
}

/** Entity refs are case-insensitive; rows keep one spelling. */
function normalize(ref: string): string {
  return ref.toLocaleLowerCase('en-US');
}

/** The later of two ISO 8601 UTC strings of the same format. */
function later(a: string, b: string): string {
  return a > b ? a : b;
}

/**
 * The `desktop_run_intervals` table: when each desktop ran, for the weekly
 * hour quotas. Rows are never deleted with their desktop, so deleting and
 * re-creating a course desktop gives no hours back.
 */
export class RunIntervalStore {
  constructor(private readonly knex: Knex) {}

  /**
   * Records that the desktop runs from `at`. Idempotent: if the desktop
   * already has an open interval, that one is returned (`opened: false`)
   * and nothing is written. The guarantee is the database's, not this
   * method's: a partial unique index allows one row per desktop with
   * `ended_at` null, and the insert is `ON CONFLICT DO NOTHING`, so two
   * concurrent opens (a retried start, two replicas) leave one row and
   * neither fails. A read-then-insert would race.
   */
  async open(
    desktop: Pick<DesktopRecord, 'id' | 'owner' | 'courseId'>,
    at: string,
  ): Promise<{ opened: boolean; interval: RunInterval }> {
    const inserted = await this.knex<RunIntervalRow>(TABLE)
      .insert({
        desktop_id: desktop.id,
        owner: normalize(desktop.owner),
        course_id: desktop.courseId ?? null,
        started_at: at,
        ended_at: null,
        end_reason: null,
      })
      .onConflict()
      .ignore()
      .returning('id');
    const interval = await this.openInterval(desktop.id);
    if (!interval) {
      // Only possible if someone closed it between the two statements.
      throw new Error(
        `Could not record that desktop ${desktop.id} runs: its open interval was closed while it was being opened`,
      );
    }
    return { opened: inserted.length > 0, interval };
  }

  /** The desktop's open interval, if it is recorded as running. */
  async openInterval(desktopId: string): Promise<RunInterval | undefined> {
    const row = await this.knex<RunIntervalRow>(TABLE)
      .where({ desktop_id: desktopId })
      .whereNull('ended_at')
      .first();
    return row ? toInterval(row) : undefined;
  }

  /**
   * Ends the desktop's open interval at `at` (never before it started: a
   * clock that went back must not make a negative stretch). Idempotent:
   * undefined when nothing was open, e.g. a stop that was already recorded.
   */
  async close(
    desktopId: string,
    at: string,
    reason: string,
  ): Promise<RunInterval | undefined> {
    const open = await this.openInterval(desktopId);
    if (!open) return undefined;
    const endedAt = later(at, open.startedAt);
    // `ended_at IS NULL` again: of two concurrent closes, one wins.
    const count = await this.knex<RunIntervalRow>(TABLE)
      .where({ id: open.id })
      .whereNull('ended_at')
      .update({ ended_at: endedAt, end_reason: reason });
    return count > 0 ? { ...open, endedAt, endReason: reason } : undefined;
  }

  /**
   * After a restart: closes the open intervals of desktops that no longer
   * run. A backend that crashed (or was killed) while a desktop stopped
   * never closed its interval; the stop happened some time between the
   * last thing the backend knew and now.
   *
   * `at` chooses when each one ended. The store cannot know, so the caller
   * decides; the intended choice is the desktop row's last recorded change
   * (its `updatedAt`, or its last input if that is later): a stop the
   * backend recorded before crashing is exactly that, and for a desktop
   * that died unnoticed it is the last moment it is known to have run, so
   * the student is not charged for time nobody can vouch for. The result
   * is clamped to [startedAt, `options.now`] (default: the clock's now).
   *
   * Desktops that still run keep their interval open: they ran all along.
   * (The converse, a running desktop without an open interval, is the
   * caller's to fix by calling the idempotent `open`.)
   *
   * Returns the intervals it closed.
   */
  async closeDangling(
    isRunning: (desktopId: string) => boolean | Promise<boolean>,
    at: (interval: RunInterval) => string | Promise<string>,
    options: { now?: string; reason?: string } = {},
  ): Promise<RunInterval[]> {
    const now = options.now ?? nowIso();
    const reason = options.reason ?? 'restart';
    const rows = await this.knex<RunIntervalRow>(TABLE)
      .whereNull('ended_at')
      .orderBy('id');
    const closed: RunInterval[] = [];
    for (const open of rows.map(toInterval)) {
      if (await isRunning(open.desktopId)) continue;
      const wanted = await at(open);
      const endedAt = later(wanted < now ? wanted : now, open.startedAt);
      const count = await this.knex<RunIntervalRow>(TABLE)
        .where({ id: open.id })
        .whereNull('ended_at')
        .update({ ended_at: endedAt, end_reason: reason });
      if (count > 0) closed.push({ ...open, endedAt, endReason: reason });
    }
    return closed;
  }

  /**
   * A person's intervals in a course (null: their desktops outside any
   * course) that overlap [from, to): started before `to` and not ended by
   * `from`. Oldest first. They are not clipped; `weeklyUsage` does that.
   */
  async intervalsFor(
    owner: string,
    courseId: string | null,
    from: string,
    to: string,
  ): Promise<RunInterval[]> {
    const query = this.knex<RunIntervalRow>(TABLE)
      .where({ owner: normalize(owner) })
      .where('started_at', '<', to)
      .where(q => q.whereNull('ended_at').orWhere('ended_at', '>', from));
    if (courseId === null) query.whereNull('course_id');
    else query.where({ course_id: courseId });
    const rows = await query.orderBy([
      { column: 'started_at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ]);
    return rows.map(toInterval);
  }
}
