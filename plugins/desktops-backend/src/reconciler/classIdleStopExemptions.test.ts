import { createClassSessionRequestSchema } from '@internal/backstage-plugin-desktops-common';
import { requiredTestDatabases } from '@internal/backstage-plugin-labstage-node/testUtils';
import { DateTime } from 'luxon';
import { SessionRosters } from '../sessions/sessionRosters';
import { applyMigrations, DesktopRecord, SessionStore } from '../store';
import { classIdleStopExemptions } from './classIdleStopExemptions';

/**
 * Which idle desktops the class sessions keep (real sessions store on
 * SQLite and PostgreSQL, the clock given): a course desktop from its
 * meeting's warm-up until the idle time after the class start, in the
 * course's zone. The plugin's wiring is http/classIdleStopPlugin.test.ts.
 */

const cs101 = 'c1010000-0000-4000-8000-000000000001';
const other = 'c2020000-0000-4000-8000-000000000002';
const zone = 'Europe/Berlin';
const rosters: SessionRosters = {
  async rostersOf(ids) {
    return new Map(
      ids.map(id => [
        id,
        {
          courseId: id,
          code: id === cs101 ? 'CS101' : 'CS202',
          title: 'Course',
          timeZone: zone,
          instructors: [],
          students: [],
        },
      ]),
    );
  },
};
/** Berlin local time on Monday 2030-01-07 (CET, UTC+1). */
const mon = (time: string) =>
  DateTime.fromISO(`2030-01-07T${time}`, { zone }).toJSDate();
const desktopOf = (courseId: string | null) =>
  ({ id: 'abcdefabcdef', courseId } as DesktopRecord);

describe('classIdleStopExemptions', () => {
  const databases = requiredTestDatabases('idle stop exemption tests');

  it.each(databases.eachSupportedId())(
    'keeps a course desktop from the warm-up until the idle time after class starts, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyMigrations(knex);
      const sessions = new SessionStore(knex);
      // Mondays 9:00-10:30 Berlin with an hour of warm-up; cancelled on
      // 2030-01-14.
      const lab = await sessions.create({
        ...createClassSessionRequestSchema.parse({
          title: 'Lab',
          kind: 'weekly',
          startDate: '2030-01-07',
          startTime: '09:00',
          weekdays: [1],
          durationMinutes: 90,
          warmUpMinutes: 60,
        }),
        courseId: cs101,
        createdBy: 'user:default/teacher',
      });
      await sessions.cancelOccurrence(lab.id, '2030-01-14');
      const exemptions = classIdleStopExemptions({
        sessions,
        rosters,
        idleStopMinutes: 60,
      });
      const exempt = (courseId: string | null, at: Date) =>
        exemptions.isExempt(desktopOf(courseId), at);

      expect(await exempt(cs101, mon('07:59'))).toBe(false);
      expect(await exempt(cs101, mon('08:00'))).toBe(true);
      expect(await exempt(cs101, mon('08:55'))).toBe(true);
      // Idle time counts from the class start at the earliest.
      expect(await exempt(cs101, mon('09:59'))).toBe(true);
      expect(await exempt(cs101, mon('10:00'))).toBe(false);
      // Placed in Berlin, not in UTC: 7:15 UTC is 8:15 there, in the
      // warm-up; 9:30 UTC is 10:30 there, past it.
      expect(await exempt(cs101, new Date('2030-01-07T07:15:00.000Z'))).toBe(
        true,
      );
      expect(await exempt(cs101, new Date('2030-01-07T09:30:00.000Z'))).toBe(
        false,
      );
      // Other courses' and personal desktops, a cancelled meeting.
      expect(await exempt(other, mon('08:30'))).toBe(false);
      expect(await exempt(null, mon('08:30'))).toBe(false);
      const nextMon = DateTime.fromJSDate(mon('08:30')).plus({ weeks: 1 });
      expect(await exempt(cs101, nextMon.toJSDate())).toBe(false);
      expect(await exempt(cs101, nextMon.plus({ weeks: 1 }).toJSDate())).toBe(
        true,
      );
    },
  );
});
