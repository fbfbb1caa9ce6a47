import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { requiredTestDatabases } from '@internal/backstage-plugin-labstage-node/testUtils';
import { DateTime } from 'luxon';
import { recordingHourEnforcer } from '../__testUtils__/recordingHourEnforcer';
import { oneCourseDirectory } from '../__testUtils__/oneCourseDirectory';
import { applyMigrations, createDesktopsStore, DesktopRecord } from '../store';
import { createHourQuotas } from './createHourQuotas';

/**
 * One desktop the hour check can't stop (its stop answers 409: a stop is
 * already under way) does not spare the course's other desktops. Real
 * quotas, budgets and intervals on SQLite and PostgreSQL; the desktops
 * service is a stand-in whose stop refuses the first desktop as
 * DesktopService does for a desktop already stopping (the stops of real
 * desktops are covered in hourQuotaEnforcement.test.ts).
 */

jest.setTimeout(60_000);

const courseId = '8c2b6f0a-1d3e-4f5a-9b7c-0e1f2a3b4c5d';
const teacher = 'user:default/teacher';
const zone = 'Europe/Berlin';
const courses = oneCourseDirectory({
  courseId,
  code: 'CS101',
  timeZone: zone,
  instructors: [teacher],
});
const at = (time: string) =>
  DateTime.fromISO(`2030-01-09T${time}`, { zone }).toUTC().toISO()!;

function courseDesktop(id: string, owner: string): DesktopRecord {
  return {
    id,
    owner,
    name: 'CS101',
    imageId: 'linux-desktop',
    imageRef: 'labstage/desktop:latest',
    imageTitle: 'Linux desktop',
    courseId,
    environmentVersion: 1,
    state: 'running',
    stateReason: null,
    resources: { cpus: 1, memoryMiB: 1536, pids: 512 },
    runtimeHandle: null,
    homeVolume: null,
    createdAt: at('08:00'),
    updatedAt: at('09:00'),
    startedAt: at('09:00'),
    lastInputAt: null,
    lastViewerAt: null,
    launchRequestedAt: null,
  } as DesktopRecord;
}

describe('HourQuotaEnforcer', () => {
  const databases = requiredTestDatabases('hour check conflict tests');

  it.each(databases.eachSupportedId())(
    'stops the other desktops of a course when one stop is refused, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyMigrations(knex);
      const store = createDesktopsStore(knex);
      const { quotas } = createHourQuotas({
        config: mockServices.rootConfig(),
        store,
        discovery: mockServices.discovery(),
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        courses,
      });
      const now = new Date(at('12:00'));
      await quotas.setBudget(courseId, { weeklyHours: 1 }, teacher, now);
      // Three students, each two hours into a one-hour week.
      const desktops = ['alice', 'bob', 'carol'].map((name, i) =>
        courseDesktop(`abcdefabcde${i}`, `user:default/${name}`),
      );
      for (const d of desktops) {
        await store.runIntervals.open(d, at('10:00'));
      }
      const stopCalls: string[] = [];
      const service = {
        listAll: async () => desktops,
        stop: async (id: string) => {
          stopCalls.push(id);
          if (id === desktops[0].id) {
            throw new ConflictError(`Desktop ${id} is already stopping`);
          }
          return desktops.find(d => d.id === id)! as never;
        },
      };
      const { enforcer, notifications, logger } = recordingHourEnforcer(
        knex,
        quotas,
        service,
      );

      expect(await enforcer.checkOnce(now)).toEqual({
        stopped: [desktops[1].id, desktops[2].id],
        warned: [],
        exempt: [],
      });
      expect(stopCalls).toEqual(desktops.map(d => d.id));
      expect(notifications.sent.map(n => n.recipients)).toEqual([
        { type: 'entity', entityRef: 'user:default/bob' },
        { type: 'entity', entityRef: 'user:default/carol' },
      ]);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining(
          `desktop ${desktops[0].id} (course ${courseId}) failed: ConflictError: Desktop ${desktops[0].id} is already stopping`,
        ),
      );
      expect(logger.error).not.toHaveBeenCalled();
    },
  );
});
