import { randomBytes, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import Docker from 'dockerode';
import { Knex } from 'knex';
import { DateTime } from 'luxon';
import { mockServices } from '@backstage/backend-test-utils';
import { requiredTestDatabases } from '@internal/backstage-plugin-labstage-node/testUtils';
import { ApiBackend, startApiBackend } from '../__testUtils__/apiBackend';
import { dockerTestRuntime } from '../__testUtils__/dockerTestRuntime';
import { LABEL_DEPLOYMENT } from '../runtime/dockerNaming';

jest.setTimeout(180_000);

/**
 * Capacity through the REST API on the real Docker Engine (its host is
 * this machine, so the allocatable numbers are os.cpus() and
 * os.totalmem()), the real courses plugin (enrolments) and published
 * course environments. Sizes are fractions of the host's CPUs, so the
 * same meetings fit or not on any machine:
 * - CAP1: 3 students, desktops of a quarter of the CPUs;
 * - CAP2: 2 students, desktops of half of them (alone: exactly full);
 * - CAP3: 1 student, no environment (the default 1 CPU, 2048 MiB).
 * Sessions are one-offs on the days after today (UTC), at 10:00 UTC.
 */
describe('capacity routes', () => {
  const databases = requiredTestDatabases('capacity routes');
  const docker = new Docker();
  const hostCpus = os.cpus().length;
  const hostMiB = Math.floor(os.totalmem() / (1024 * 1024));

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const deploymentId = `cap-${randomBytes(4).toString('hex')}`;
    let runDir: string;
    let api: ApiBackend;
    let knex: Knex;
    let cap1: string;
    let cap2: string;
    let cap3: string;
    let runningDesktop: { cpus: number; memoryMiB: number };

    const sessions = (courseId: string) =>
      `/api/desktops/courses/${courseId}/sessions`;
    /** 10:00 UTC, `days` after today. */
    const day = (days: number) =>
      DateTime.utc().startOf('day').plus({ days, hours: 10 });
    const oneOff = (days: number, title = 'Lab') => ({
      title,
      kind: 'once',
      startDate: day(days).toISODate(),
      startTime: '10:00',
      durationMinutes: 90,
    });
    const schedule = (courseId: string, body: object) =>
      api.ok(201, 'post', sessions(courseId), api.as('teacher'), body);
    const check = async (courseId: string, body: object) =>
      (
        await api.ok(
          200,
          'post',
          `${sessions(courseId)}/capacity-check`,
          api.as('teacher'),
          body,
        )
      ).warning;
    /** The warning text, as the instructor reads it. */
    const warning = (
      code: string,
      students: number,
      days: number,
      fits: number,
      others: boolean,
    ) =>
      `${code}'s ${students} students need ${students} desktops on ${day(days)
        .setLocale('en-US')
        .toFormat('ccc d LLL H:mm')}; this installation fits ${fits} (${
        hostCpus === 1 ? '1 CPU' : `${hostCpus} CPUs`
      }, ${Number((hostMiB / 1024).toFixed(1))} GiB)${
        others ? ' with the other sessions then' : ''
      }`;

    async function courseWith(code: string, students: string[]) {
      const course = await api.ok(
        201,
        'post',
        '/api/courses/courses',
        api.as('teacher'),
        { title: `Capacity ${code}`, code, timeZone: 'UTC' },
      );
      for (const student of students) {
        await api.ok(201, 'post', '/api/courses/join', api.as(student), {
          code: course.joinCode,
        });
      }
      return course.id as string;
    }

    /** Publishes an environment of `cpus` and 1024 MiB desktops. */
    async function publish(courseId: string, imageId: string, cpus: number) {
      await api.ok(
        201,
        'post',
        `/api/desktops/courses/${courseId}/environment`,
        api.as('teacher'),
        { imageId, resources: { cpus, memoryMiB: 1024 } },
      );
    }

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      const engine = await dockerTestRuntime({
        runDirPrefix: 'lscap-',
        deploymentId,
      });
      runDir = engine.runDir;
      api = await startApiBackend({
        runtime: engine.runtime,
        modules: [mockServices.database.factory({ knex })],
      });
      // The teacher's saved image the environments are published from, as
      // a save records it (nobody launches it here, so it is not pushed).
      const imageId = randomUUID();
      await knex('desktop_saved_images').insert({
        id: imageId,
        owner: 'user:default/teacher',
        name: 'capacity-lab',
        repository: 'personal/teacher/capacity-lab',
        tag: 'v1',
        digest: `sha256:${'0'.repeat(64)}`,
        size_bytes: 1,
        saved_from_desktop_id: null,
        created_at: new Date().toISOString(),
      });
      cap1 = await courseWith('CAP1', ['alice', 'bob', 'carol']);
      cap2 = await courseWith('CAP2', ['dave', 'alice']);
      cap3 = await courseWith('CAP3', ['bob']);
      await publish(cap1, imageId, hostCpus / 4);
      await publish(cap2, imageId, hostCpus / 2);
      // A real desktop running now, outside any course.
      const id = await api.desktopOf('dave');
      const { resources } = await api.ok(
        200,
        'get',
        `/api/desktops/desktops/${id}`,
        api.as('dave'),
      );
      runningDesktop = { cpus: resources.cpus, memoryMiB: resources.memoryMiB };
    });

    afterAll(async () => {
      await api?.stop();
      const label = [`${LABEL_DEPLOYMENT}=${deploymentId}`];
      const containers = await docker.listContainers({
        all: true,
        filters: { label },
      });
      await Promise.all(
        containers.map(c => docker.getContainer(c.Id).remove({ force: true })),
      );
      const { Volumes } = await docker.listVolumes({ filters: { label } });
      await Promise.all(
        (Volumes ?? []).map(v => docker.getVolume(v.Name).remove()),
      );
      if (runDir) await fs.rm(runDir, { recursive: true, force: true });
    });

    it('warns at scheduling only when the students would not fit', async () => {
      // CAP2 alone fills the machine exactly: no warning.
      expect(await check(cap2, oneOff(4))).toBeNull();
      const alone = await schedule(cap2, oneOff(4));
      expect(alone).not.toHaveProperty('capacityWarning');

      // CAP1 (3 × ¼) fits alone on day 2 ...
      expect(await check(cap1, oneOff(2))).toBeNull();
      const first = await schedule(cap1, oneOff(2));
      expect(first).not.toHaveProperty('capacityWarning');
      expect(first.title).toBe('Lab');
    });

    it('adds overlapping sessions up: both warnings name the other sessions', async () => {
      // CAP2 (2 × ½) beside CAP1's day-2 meeting: ¼ of the CPUs left, no
      // desktop of half of them fits.
      expect(await check(cap2, oneOff(2))).toBe(warning('CAP2', 2, 2, 0, true));
      const second = await schedule(cap2, oneOff(2, 'Overlapping lab'));
      expect(second.capacityWarning).toBe(warning('CAP2', 2, 2, 0, true));
      // CAP1's meeting, checked again, now has CAP2's beside it.
      expect(await check(cap1, oneOff(2))).toBe(warning('CAP1', 3, 2, 0, true));

      // Moving it to another day lifts the warning; moving it back, it returns.
      const moved = await api.ok(
        200,
        'patch',
        `${sessions(cap2)}/${second.id}`,
        api.as('teacher'),
        { startDate: day(3).toISODate() },
      );
      expect(moved).not.toHaveProperty('capacityWarning');
      const back = await api.ok(
        200,
        'patch',
        `${sessions(cap2)}/${second.id}`,
        api.as('teacher'),
        { startDate: day(2).toISODate() },
      );
      expect(back.capacityWarning).toBe(warning('CAP2', 2, 2, 0, true));
    });

    it("reports the engine's allocatable, the desktops in use and the next 7 days' meetings", async () => {
      await schedule(cap3, oneOff(5, 'Default-sized'));
      const report = await api.ok(
        200,
        'get',
        '/api/desktops/capacity',
        api.as('root'),
      );
      // The largest desktop of the courses meeting: CAP2's CPUs, CAP3's
      // default memory (at least 1 CPU: CAP3's default).
      const perDesktop = { cpus: Math.max(hostCpus / 2, 1), memoryMiB: 2048 };
      expect(report).toEqual({
        source: 'docker',
        allocatable: { cpus: hostCpus, memoryMiB: hostMiB },
        inUse: { ...runningDesktop, desktops: 1 },
        perDesktop,
        fitsNow: Math.floor(
          Math.min(
            (hostCpus - runningDesktop.cpus) / perDesktop.cpus,
            (hostMiB - runningDesktop.memoryMiB) / perDesktop.memoryMiB,
          ),
        ),
        upcoming: expect.any(Array),
      });
      const at = (days: number) => day(days).toUTC().toISO();
      // By start; the two of day 2 start together (then by session id).
      expect(report.upcoming.map((p: { start: string }) => p.start)).toEqual([
        at(2),
        at(2),
        at(4),
        at(5),
      ]);
      expect(
        report.upcoming.map((p: Record<string, unknown>) => [
          p.courseCode,
          p.start,
          p.students,
          p.fits,
          p.shortBy,
        ]),
      ).toEqual(
        expect.arrayContaining([
          ['CAP1', at(2), 3, false, 3],
          ['CAP2', at(2), 2, false, 2],
          ['CAP2', at(4), 2, true, 0],
          ['CAP3', at(5), 1, true, 0],
        ]),
      );
      expect(
        report.upcoming.find((p: { courseId: string }) => p.courseId === cap3),
      ).toMatchObject({
        title: 'Default-sized',
        end: day(5).plus({ minutes: 90 }).toUTC().toISO(),
      });
    });
  });
});
