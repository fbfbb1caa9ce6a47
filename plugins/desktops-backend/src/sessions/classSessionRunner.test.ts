import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import {
  fixedAccountsDirectory,
  testAccount,
} from '@internal/backstage-plugin-accounts-node/testUtils';
import {
  ClassSession,
  DesktopState,
} from '@internal/backstage-plugin-desktops-common';
import { waitFor } from '@internal/backstage-plugin-desktops-node/testUtils';
import { nowIso } from '@internal/backstage-plugin-labstage-node';
import { Knex } from 'knex';
import { DateTime } from 'luxon';
import { realDesktopsSuite } from '../__testUtils__/realDesktopsSuite';
import { testAccounts } from '../__testUtils__/testAccounts';
import { testRegistryOptions } from '../__testUtils__/testRegistry';
import { DistributionRegistry } from '../registry/DistributionRegistry';
import { DockerDesktopRuntime } from '../runtime/DockerDesktopRuntime';
import { homeVolumeName } from '../runtime/dockerNaming';
import { defaultDesktopsSettings } from '../service/settings';
import {
  createDesktopsStore,
  DesktopRecord,
  DesktopsStore,
  SessionStore,
} from '../store';
import { ClassSessionRunner } from './ClassSessionRunner';
import { sessionRunViews } from './runViews';
import { SessionNotices } from './sessionNotices';
import { CourseRoster, SessionRosters } from './sessionRosters';
import { CourseDesktopLauncher } from './warmUpMeeting';

/**
 * The class session runner on real desktop containers (Docker, offline,
 * image labstage/desktop:latest tagged as a course environment in the
 * test registry's name), SQLite and PostgreSQL. The schedule's clock is
 * the `now` each tick is given: no test waits for schedule time, only for
 * containers to start and stop. Who is in which course is a fixed roster
 * (the courses plugin's side is covered by the routes' tests).
 */

jest.setTimeout(600_000);

const run = promisify(execFile);
const ref = (username: string) => `user:default/${username}`;
const accounts = [
  ...testAccounts,
  testAccount('erin', 'student'),
  testAccount('frank', 'student'),
];
const directory = fixedAccountsDirectory(accounts);
const registry = new DistributionRegistry(testRegistryOptions());
const repository = `labstage-sessions-test/desktop-${process.pid}`;
const environmentRef = `${registry.host}/${repository}:v1`;

/** Keeps what would go to the notifications backend. */
class RecordingNotifications implements NotificationService {
  readonly sent: NotificationSendOptions[] = [];
  async send(options: NotificationSendOptions): Promise<void> {
    this.sent.push(options);
  }
  to(user: string) {
    return this.sent.filter(n => {
      const r = n.recipients;
      return r.type === 'entity' && [r.entityRef].flat().includes(ref(user));
    });
  }
}

describe('class session runner', () => {
  const {
    databases,
    init,
    newRuntime,
    desktops: startDesktops,
    onClose,
  } = realDesktopsSuite({
    label: 'class session runner tests',
    deploymentId: `sessions-test-${process.pid}`,
    runDirPrefix: '/tmp/lss-',
    removeEach: true,
  });

  /** Counts the runtime's container starts in flight, and the most at once. */
  function countStarts(runtime: DockerDesktopRuntime) {
    const counter = { calls: 0, inFlight: 0, max: 0 };
    const start = runtime.start.bind(runtime);
    runtime.start = async spec => {
      counter.calls += 1;
      counter.inFlight += 1;
      counter.max = Math.max(counter.max, counter.inFlight);
      try {
        return await start(spec);
      } finally {
        counter.inFlight -= 1;
      }
    };
    return counter;
  }

  /** One backend's desktops and runner on `knex`; a second one is a restart. */
  function backend(
    knex: Knex,
    options: {
      rosters: CourseRoster[];
      concurrency: number;
      notifications: RecordingNotifications;
      launcher?: (real: CourseDesktopLauncher) => CourseDesktopLauncher;
      /** How the runner reads desktops (a slow start is a row left starting). */
      readDesktop?: (
        real: (id: string) => Promise<DesktopRecord | undefined>,
      ) => (id: string) => Promise<DesktopRecord | undefined>;
      sessions?: (real: SessionStore) => SessionStore;
      budgetMs?: number;
    },
  ) {
    const settings = defaultDesktopsSettings();
    // dave's own desktop uses up his quota.
    settings.quota.roles.student = { maxRunning: 1 };
    const runtime = newRuntime();
    const starts = countStarts(runtime);
    const { service, environments, store, logger } = startDesktops(knex, {
      runtime,
      registry,
      directory,
      settings,
    });
    const rosters: SessionRosters = {
      async rostersOf(courseIds) {
        return new Map(
          options.rosters
            .filter(r => courseIds.includes(r.courseId))
            .map(r => [r.courseId, r]),
        );
      },
    };
    const readDesktop = (id: string) => store.desktops.get(id);
    const runner = new ClassSessionRunner({
      sessions: options.sessions?.(store.sessions) ?? store.sessions,
      runs: store.sessionRuns,
      rosters,
      launcher: options.launcher?.(environments) ?? environments,
      readDesktop: options.readDesktop?.(readDesktop) ?? readDesktop,
      budgetMs: options.budgetMs,
      listCourseDesktops: courseId => store.desktops.listByCourse(courseId),
      stop: (id, reason) => service.stop(id, { reason }),
      connectedViewers: () => 0,
      displayNames: async refs =>
        new Map(refs.map(r => [r, r.replace('user:default/', '')])),
      notices: new SessionNotices({
        notifications: options.notifications,
        logger,
      }),
      logger,
      concurrency: options.concurrency,
      pollMs: 100,
    });
    onClose(() => runner.close());
    return { store, service, runner, starts };
  }

  /** A course whose environment is the desktop image, as if published. */
  async function course(
    store: DesktopsStore,
    code: string,
    students: string[],
    timeZone = 'Europe/Berlin',
  ): Promise<CourseRoster> {
    const courseId = randomUUID();
    // One saved image per database: (repository, tag) is unique.
    let imageId = (await store.savedImages.listByOwner(ref('teacher'))).find(
      i => i.repository === repository,
    )?.id;
    if (!imageId) {
      imageId = randomUUID();
      await store.savedImages.insert({
        id: imageId,
        owner: ref('teacher'),
        name: 'desktop',
        repository,
        tag: 'v1',
        digest: `sha256:${'0'.repeat(64)}`,
        sizeBytes: 1,
        savedFromDesktopId: null,
        createdAt: nowIso(),
      });
    }
    await store.environments.publish({
      courseId,
      imageId,
      description: '',
      resources: {},
      publishedBy: ref('teacher'),
      publishedAt: nowIso(),
    });
    return {
      courseId,
      code,
      title: `Course ${code}`,
      timeZone,
      instructors: [ref('teacher')],
      students: students.map(ref),
    };
  }

  /** A one-off meeting of `roster` at `start` (local to its zone). */
  async function meeting(
    store: DesktopsStore,
    roster: CourseRoster,
    start: DateTime,
    minutes: { warmUpMinutes?: number } = {},
  ): Promise<ClassSession> {
    const local = start.setZone(roster.timeZone);
    return store.sessions.create({
      courseId: roster.courseId,
      createdBy: ref('teacher'),
      title: 'Lab',
      kind: 'once',
      startDate: local.toISODate()!,
      startTime: local.toFormat('HH:mm'),
      durationMinutes: 30,
      weekdays: [],
      untilDate: null,
      warmUpMinutes: minutes.warmUpMinutes ?? 10,
      afterEndMinutes: 15,
    });
  }

  function untilState(store: DesktopsStore, id: string, state: DesktopState) {
    return waitFor(
      `desktop ${id} to be ${state}`,
      async () => {
        const d = await store.desktops.get(id);
        return d?.state === state ? d : undefined;
      },
      120_000,
    );
  }

  const ownersOf = (desktops: DesktopRecord[]) =>
    desktops.map(d => d.owner).sort();

  beforeAll(async () => {
    // The course environment's image, present locally (nothing is pulled).
    await run('docker', ['tag', 'labstage/desktop:latest', environmentRef]);
  });

  afterAll(async () => {
    await run('docker', ['image', 'rm', environmentRef]).catch(() => {});
  });

  it.each(databases.eachSupportedId())(
    'warms up exactly the enrolled students, paced, reports who could not start, and stops the desktops after class (an active one 5 minutes later), %p',
    async databaseId => {
      const knex = await init(databaseId);
      const notifications = new RecordingNotifications();
      const setupStore = createDesktopsStore(knex);
      const lab = await course(setupStore, 'SES1', [
        'alice',
        'bob',
        'carol',
        'erin',
        'dave',
      ]);
      const other = await course(setupStore, 'SES2', ['frank']);
      const { store, service, runner, starts } = backend(knex, {
        rosters: [lab, other],
        concurrency: 2,
        notifications,
      });
      // dave already runs a desktop of his own: at his limit of 1.
      const daves = await service.create({
        owner: ref('dave'),
        imageId: 'linux-desktop',
        requestedAt: new Date(),
      });
      await untilState(store, daves.id, 'running');
      starts.calls = 0;
      starts.max = 0;

      const start = DateTime.now().plus({ minutes: 30 }).startOf('minute');
      const session = await meeting(store, lab, start);
      // The other course meets tomorrow.
      await meeting(store, other, start.plus({ days: 1 }));
      const warmUpAt = start.minus({ minutes: 10 });
      const end = start.plus({ minutes: 30 });
      const stopAt = end.plus({ minutes: 15 });
      const tick = (at: DateTime) => runner.tick(at.toJSDate());

      // Before the warm-up: nothing.
      await tick(warmUpAt.minus({ seconds: 1 }));
      expect(await store.sessions.listRuns(session.id)).toEqual([]);
      expect(await store.desktops.listByCourse(lab.courseId)).toEqual([]);

      // At the warm-up: the enrolled students' desktops, two at a time.
      await tick(warmUpAt);
      const warmed = await store.desktops.listByCourse(lab.courseId);
      expect(ownersOf(warmed)).toEqual(
        ['alice', 'bob', 'carol', 'erin'].map(ref),
      );
      expect(warmed.map(d => d.state)).toEqual(Array(4).fill('running'));
      expect(await store.desktops.listByCourse(other.courseId)).toEqual([]);
      expect(await store.desktops.listByOwner(ref('teacher'))).toEqual([]);
      expect(starts.calls).toBe(4);
      expect(starts.max).toBe(2);
      expect(await store.sessions.listRuns(session.id)).toEqual([
        expect.objectContaining({
          occurrenceStart: start.toUTC().toISO(),
          state: 'warm',
        }),
      ]);
      const [view] = await sessionRunViews(
        { sessions: store.sessions, runs: store.sessionRuns },
        session.id,
        async refs => new Map(refs.map(r => [r, r.toUpperCase()])),
      );
      expect(view).toEqual({
        sessionId: session.id,
        occurrenceStart: start.toUTC().toISO(),
        state: 'warm',
        started: 4,
        problems: [
          {
            student: ref('dave'),
            displayName: ref('dave').toUpperCase(),
            reason: expect.stringContaining('your limit is 1'),
          },
        ],
      });

      // Each warmed student is told, in the course's zone, with a link.
      const startsAt = start.setZone('Europe/Berlin').toFormat('H:mm');
      for (const desktop of warmed) {
        const user = desktop.owner.replace('user:default/', '');
        expect(notifications.to(user)).toEqual([
          expect.objectContaining({
            payload: expect.objectContaining({
              title: `Class starts at ${startsAt}: your desktop is ready`,
              link: `/desktops/${desktop.id}`,
            }),
          }),
        ]);
      }
      expect(notifications.to('dave')).toEqual([]);
      // The instructor hears of dave.
      expect(notifications.to('teacher')).toEqual([
        expect.objectContaining({
          payload: expect.objectContaining({
            title: `1 desktop of SES1 could not be started for ${start
              .setZone('Europe/Berlin')
              .setLocale('en-US')
              .toFormat('ccc H:mm')}`,
            description: expect.stringContaining('dave: You already have'),
            link: `/courses/${lab.courseId}/sessions`,
          }),
        }),
      ]);
      const sentAfterWarmUp = notifications.sent.length;
      expect(sentAfterWarmUp).toBe(5);

      // Later ticks of the same meeting start and tell nobody again.
      await tick(warmUpAt.plus({ minutes: 1 }));
      await tick(start.plus({ minutes: 5 }));
      expect(starts.calls).toBe(4);
      expect(notifications.sent).toHaveLength(sentAfterWarmUp);

      // alice is still typing a minute before the stop time.
      const alices = warmed.find(d => d.owner === ref('alice'))!;
      await store.desktops.recordActivity(
        alices.id,
        'input',
        stopAt.minus({ minutes: 1 }).toUTC().toISO()!,
      );
      await tick(stopAt.minus({ seconds: 1 }));
      expect(
        (await store.desktops.listByCourse(lab.courseId)).map(d => d.state),
      ).toEqual(Array(4).fill('running'));

      // At the stop time the unused ones stop, saying why; home is kept.
      await tick(stopAt);
      const reason = `Class ended at ${end
        .setZone('Europe/Berlin')
        .toFormat('H:mm')} (your home is kept)`;
      for (const desktop of warmed.filter(d => d.id !== alices.id)) {
        const stopped = await untilState(store, desktop.id, 'stopped');
        expect(stopped.stateReason).toBe(reason);
        await run('docker', ['volume', 'inspect', homeVolumeName(desktop.id)]);
      }
      expect((await store.desktops.get(alices.id))?.state).toBe('running');
      expect(notifications.to('alice').map(n => n.payload.title)).toEqual([
        `Class starts at ${startsAt}: your desktop is ready`,
        'Class is over: your desktop stops in 5 minutes (your home is kept)',
      ]);
      expect(
        (await store.sessions.listRuns(session.id)).map(r => r.state),
      ).toEqual(['warm']);

      // Within the 5 minutes she keeps it (and is not told twice) ...
      await tick(stopAt.plus({ minutes: 4 }));
      expect((await store.desktops.get(alices.id))?.state).toBe('running');
      expect(notifications.to('alice')).toHaveLength(2);
      // ... then it stops, and the meeting is over.
      await tick(stopAt.plus({ minutes: 5 }));
      const alicesStopped = await untilState(store, alices.id, 'stopped');
      expect(alicesStopped.stateReason).toBe(reason);
      await run('docker', ['volume', 'inspect', homeVolumeName(alices.id)]);
      expect(
        (await store.sessions.listRuns(session.id)).map(r => r.state),
      ).toEqual(['ended']);
      // dave's own desktop is not the class's.
      expect((await store.desktops.get(daves.id))?.state).toBe('running');
    },
  );

  it.each(databases.eachSupportedId())(
    'a warm-up killed halfway is finished by the next backend on the same database, without duplicates, %p',
    async databaseId => {
      const knex = await init(databaseId);
      const notifications = new RecordingNotifications();
      const lab = await course(createDesktopsStore(knex), 'RST1', [
        'alice',
        'bob',
        'carol',
      ]);
      const start = DateTime.now().plus({ minutes: 30 }).startOf('minute');
      const session = await meeting(createDesktopsStore(knex), lab, start);
      const warmUpAt = start.minus({ minutes: 10 });

      // The first backend starts one desktop; its second launch hangs
      // until the backend is killed.
      let secondLaunch!: () => void;
      const held = new Promise<void>(resolve => {
        secondLaunch = resolve;
      });
      let kill!: (error: Error) => void;
      const killed = new Promise<never>((_, reject) => {
        kill = reject;
      });
      const first = backend(knex, {
        rosters: [lab],
        concurrency: 1,
        notifications,
        launcher: real => {
          let calls = 0;
          return {
            launch: (owner, courseId, at) => {
              calls += 1;
              if (calls === 1) return real.launch(owner, courseId, at);
              secondLaunch();
              return killed;
            },
          };
        },
      });
      const interrupted = first.runner.tick(warmUpAt.toJSDate());
      await held;
      first.runner.close();
      kill(new Error('the backend was killed'));
      await interrupted;
      await first.service.close();

      const { store } = first;
      expect(
        (
          await store.sessionRuns.outcomesOf(session.id, start.toUTC().toISO()!)
        ).map(o => [o.student, o.outcome]),
      ).toEqual([[ref('alice'), 'started']]);
      expect(
        (await store.sessions.listRuns(session.id)).map(r => r.state),
      ).toEqual(['warming']);

      // A fresh backend resumes the claimed meeting.
      const second = backend(knex, {
        rosters: [lab],
        concurrency: 2,
        notifications,
      });
      await second.runner.tick(warmUpAt.plus({ minutes: 2 }).toJSDate());
      await second.runner.tick(warmUpAt.plus({ minutes: 3 }).toJSDate());

      const desktops = await second.store.desktops.listByCourse(lab.courseId);
      expect(ownersOf(desktops)).toEqual(['alice', 'bob', 'carol'].map(ref));
      expect(desktops.map(d => d.state)).toEqual(Array(3).fill('running'));
      expect(second.starts.calls).toBe(2);
      expect(await second.store.sessions.listRuns(session.id)).toEqual([
        expect.objectContaining({ state: 'warm' }),
      ]);
      for (const user of ['alice', 'bob', 'carol']) {
        expect(notifications.to(user)).toHaveLength(1);
      }
      expect(notifications.sent).toHaveLength(3);
    },
  );

  it.each(databases.eachSupportedId())(
    'warms a weekly Berlin 9:00 session at 8:50 local on both sides of the October DST change, %p',
    async databaseId => {
      const knex = await init(databaseId);
      const notifications = new RecordingNotifications();
      const setupStore = createDesktopsStore(knex);
      // No students: the run is claimed and warm at once, no desktops.
      const lab = await course(setupStore, 'DST1', []);
      const { store, runner } = backend(knex, {
        rosters: [lab],
        concurrency: 2,
        notifications,
      });
      const session = await store.sessions.create({
        courseId: lab.courseId,
        createdBy: ref('teacher'),
        title: 'Friday lab',
        kind: 'weekly',
        startDate: '2026-10-16',
        startTime: '09:00',
        durationMinutes: 60,
        weekdays: [5],
        untilDate: null,
        warmUpMinutes: 10,
        afterEndMinutes: 15,
      });
      const runs = async () =>
        (await store.sessions.listRuns(session.id)).map(r => r.occurrenceStart);
      const tick = (iso: string) => runner.tick(new Date(iso));

      // Friday 23 October, CEST (UTC+2): 8:50 local is 06:50 UTC.
      await tick('2026-10-23T06:49:59Z');
      expect(await runs()).toEqual([]);
      await tick('2026-10-23T06:50:00Z');
      expect(await runs()).toEqual(['2026-10-23T07:00:00.000Z']);

      // Sunday 25 October the clocks go back. Friday 30 October, CET
      // (UTC+1): 06:50 UTC is 7:50 local, too early; 8:50 is 07:50 UTC.
      await tick('2026-10-30T06:50:00Z');
      expect(await runs()).toEqual(['2026-10-23T07:00:00.000Z']);
      await tick('2026-10-30T07:49:59Z');
      expect(await runs()).toEqual(['2026-10-23T07:00:00.000Z']);
      await tick('2026-10-30T07:50:00Z');
      expect(await runs()).toEqual([
        '2026-10-23T07:00:00.000Z',
        '2026-10-30T08:00:00.000Z',
      ]);
      expect(
        (await store.sessions.listRuns(session.id)).map(r => r.state),
      ).toEqual(['ended', 'warm']);
      expect(notifications.sent).toEqual([]);
    },
  );
  /** The titles `user` was sent, in order. */
  const titlesTo = (notifications: RecordingNotifications, user: string) =>
    notifications.to(user).map(n => n.payload.title);

  const statesOf = async (store: DesktopsStore, courseId: string) =>
    (await store.desktops.listByCourse(courseId))
      .sort((a, b) => a.owner.localeCompare(b.owner))
      .map(d => d.state);

  it.each(databases.eachSupportedId())(
    'leaves the desktops of a meeting of the same course in its window running after an earlier meeting ends, and stops them after it, %p',
    async databaseId => {
      const knex = await init(databaseId);
      const notifications = new RecordingNotifications();
      const lab = await course(createDesktopsStore(knex), 'OVL1', [
        'alice',
        'bob',
      ]);
      const { store, runner } = backend(knex, {
        rosters: [lab],
        concurrency: 2,
        notifications,
      });
      // Lab A 9:00-9:30, stop 9:45; Lab B 9:50, warming from 9:40.
      const start = DateTime.now().plus({ minutes: 30 }).startOf('minute');
      const labA = await meeting(store, lab, start);
      const labB = await meeting(store, lab, start.plus({ minutes: 50 }));
      const tick = (at: DateTime) => runner.tick(at.toJSDate());

      await tick(start.minus({ minutes: 10 }));
      const warmed = await store.desktops.listByCourse(lab.courseId);
      expect(warmed.map(d => d.state)).toEqual(['running', 'running']);
      await tick(start.plus({ minutes: 40 }));
      expect(
        (await store.sessions.listRuns(labB.id)).map(r => r.state),
      ).toEqual(['warm']);

      // Lab A's stop time, in Lab B's warm-up: nothing stops.
      await tick(start.plus({ minutes: 45 }));
      await tick(start.plus({ minutes: 60 }));
      expect(await statesOf(store, lab.courseId)).toEqual([
        'running',
        'running',
      ]);
      expect(
        (await store.sessions.listRuns(labA.id)).map(r => r.state),
      ).toEqual(['warm']);

      // Lab B's stop time: both stop, and both meetings are over.
      await tick(start.plus({ minutes: 95 }));
      for (const d of warmed) await untilState(store, d.id, 'stopped');
      for (const id of [labA.id, labB.id]) {
        expect((await store.sessions.listRuns(id)).map(r => r.state)).toEqual([
          'ended',
        ]);
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'does not stop a desktop started again after the stop time (homework), nor by a notice older than its start, %p',
    async databaseId => {
      const knex = await init(databaseId);
      const notifications = new RecordingNotifications();
      const lab = await course(createDesktopsStore(knex), 'HWK1', [
        'alice',
        'bob',
      ]);
      const { store, service, runner } = backend(knex, {
        rosters: [lab],
        concurrency: 2,
        notifications,
      });
      const start = DateTime.now().plus({ minutes: 30 }).startOf('minute');
      const session = await meeting(store, lab, start);
      const stopAt = start.plus({ minutes: 45 });
      const tick = (at: DateTime) => runner.tick(at.toJSDate());
      await tick(start.minus({ minutes: 10 }));
      const warmed = await store.desktops.listByCourse(lab.courseId);
      const alices = warmed.find(d => d.owner === ref('alice'))!;
      const bobs = warmed.find(d => d.owner === ref('bob'))!;

      // alice is typing: she is told, and the meeting's run stays open;
      // bob's unused desktop stops.
      await store.desktops.recordActivity(
        alices.id,
        'input',
        stopAt.minus({ minutes: 1 }).toUTC().toISO()!,
      );
      await tick(stopAt);
      await untilState(store, bobs.id, 'stopped');
      expect(titlesTo(notifications, 'alice')).toHaveLength(2);

      // Both start their desktop again for homework after the stop time
      // (alice stops hers first). The service stamps real time; the
      // schedule runs on the test's clock, so the start is set to it.
      await service.stop(alices.id);
      await untilState(store, alices.id, 'stopped');
      for (const [id, minutes] of [
        [bobs.id, 2],
        [alices.id, 3],
      ] as const) {
        await service.start(id, new Date());
        await untilState(store, id, 'running');
        await knex('desktops')
          .where({ id })
          .update({
            started_at: stopAt.plus({ minutes }).toUTC().toISO(),
          });
      }

      // When alice's notice is due, neither homework desktop stops.
      await tick(stopAt.plus({ minutes: 5 }));
      await tick(stopAt.plus({ minutes: 6 }));
      expect(await statesOf(store, lab.courseId)).toEqual([
        'running',
        'running',
      ]);
      expect(
        (await store.sessions.listRuns(session.id)).map(r => r.state),
      ).toEqual(['ended']);
      expect(titlesTo(notifications, 'alice')).toHaveLength(2);
      expect(titlesTo(notifications, 'bob')).toHaveLength(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'stops the desktops of a session deleted during its class at the old stop time, and leaves no run for a claim after a delete, %p',
    async databaseId => {
      const knex = await init(databaseId);
      const notifications = new RecordingNotifications();
      const setupStore = createDesktopsStore(knex);
      const lab = await course(setupStore, 'DEL1', ['alice']);
      const late = await course(setupStore, 'DEL2', ['bob']);
      const start = DateTime.now().plus({ minutes: 30 }).startOf('minute');
      // A delete landing while a tick claims DEL2's meeting.
      const deleting: { sessionId?: string } = {};
      const { store, runner } = backend(knex, {
        rosters: [lab, late],
        concurrency: 2,
        notifications,
        sessions: real =>
          Object.assign(Object.create(real), {
            claimRun: async (sessionId: string, at: string) => {
              if (sessionId === deleting.sessionId) {
                await real.delete(sessionId);
              }
              return real.claimRun(sessionId, at);
            },
          }),
      });
      const session = await meeting(store, lab, start);
      const tick = (at: DateTime) => runner.tick(at.toJSDate());
      await tick(start.minus({ minutes: 10 }));
      const [alices] = await store.desktops.listByCourse(lab.courseId);
      expect(alices.state).toBe('running');

      // Deleted in class: the desktop still stops at 9:45, saying why.
      expect(await store.sessions.delete(session.id)).toBeDefined();
      await tick(start.plus({ minutes: 44 }));
      expect((await store.desktops.get(alices.id))?.state).toBe('running');
      await tick(start.plus({ minutes: 45 }));
      const stopped = await untilState(store, alices.id, 'stopped');
      expect(stopped.stateReason).toBe('Class is over (your home is kept)');
      expect(
        (await store.sessions.listRuns(session.id)).map(r => r.state),
      ).toEqual(['ended']);

      // Deleted as its warm-up is claimed: no run, no desktop.
      const lateSession = await meeting(
        store,
        late,
        start.plus({ minutes: 60 }),
      );
      deleting.sessionId = lateSession.id;
      await tick(start.plus({ minutes: 50 }));
      expect(await store.sessions.get(lateSession.id)).toBeUndefined();
      expect(await store.sessions.listRuns(lateSession.id)).toEqual([]);
      expect(await store.sessions.listOpenRuns()).toEqual([]);
      expect(await store.desktops.listByCourse(late.courseId)).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'a slow start neither holds up the tick past its budget nor another course’s stop; the instructors hear at class start of whoever was not reached, once, %p',
    async databaseId => {
      const knex = await init(databaseId);
      const notifications = new RecordingNotifications();
      const setupStore = createDesktopsStore(knex);
      const early = await course(setupStore, 'SLO1', ['alice']);
      const slow = await course(setupStore, 'SLO2', ['bob', 'carol']);
      // bob's desktop is slow to start until released.
      let bobSlow = true;
      const { store, runner } = backend(knex, {
        rosters: [early, slow],
        concurrency: 2,
        notifications,
        budgetMs: 2_000,
        readDesktop: real => async id => {
          const d = await real(id);
          return d && bobSlow && d.owner === ref('bob')
            ? { ...d, state: 'starting' }
            : d;
        },
      });
      const start = DateTime.now().plus({ minutes: 30 }).startOf('minute');
      await meeting(store, early, start);
      // SLO2 meets at 9:50, warming from 9:40; SLO1 stops at 9:45.
      const slowStart = start.plus({ minutes: 50 });
      const slowSession = await meeting(store, slow, slowStart);
      const tick = (at: DateTime) => runner.tick(at.toJSDate());
      await tick(start.minus({ minutes: 10 }));
      const [alices] = await store.desktops.listByCourse(early.courseId);

      // Within the budget although bob's desktop never settles.
      await tick(slowStart.minus({ minutes: 10 }));
      const outcomes = () =>
        store.sessionRuns
          .outcomesOf(slowSession.id, slowStart.toUTC().toISO()!)
          .then(os => os.map(o => [o.student, o.outcome]));
      expect(await outcomes()).toEqual([[ref('carol'), 'started']]);
      await tick(start.plus({ minutes: 45 }));
      await untilState(store, alices.id, 'stopped');
      expect(await outcomes()).toEqual([[ref('carol'), 'started']]);
      expect(notifications.to('teacher')).toEqual([]);

      // At class start the instructor hears of bob, once.
      await tick(slowStart);
      await tick(slowStart.plus({ minutes: 1 }));
      expect(notifications.to('teacher')).toEqual([
        expect.objectContaining({
          payload: expect.objectContaining({
            title: expect.stringMatching(
              /^1 desktop of SLO2 could not be started for /,
            ),
            description: 'bob: Not started by class start',
          }),
        }),
      ]);

      // Once it is up, bob is told and the run is warm; nobody hears twice.
      bobSlow = false;
      await tick(slowStart.plus({ minutes: 2 }));
      expect(await outcomes()).toEqual([
        [ref('bob'), 'started'],
        [ref('carol'), 'started'],
      ]);
      expect(titlesTo(notifications, 'bob')).toEqual([
        expect.stringMatching(/^Class started at .*: your desktop is ready$/),
      ]);
      expect(notifications.to('teacher')).toHaveLength(1);
      expect(
        (await store.sessions.listRuns(slowSession.id)).map(r => r.state),
      ).toEqual(['warm']);
    },
  );

  it.each(databases.eachSupportedId())(
    'a meeting moved during its warm-up tells nobody twice and stops at the new stop time, %p',
    async databaseId => {
      const knex = await init(databaseId);
      const notifications = new RecordingNotifications();
      const lab = await course(createDesktopsStore(knex), 'MOV1', ['alice']);
      const { store, runner } = backend(knex, {
        rosters: [lab],
        concurrency: 2,
        notifications,
      });
      const start = DateTime.now().plus({ minutes: 30 }).startOf('minute');
      const session = await meeting(store, lab, start);
      const tick = (at: DateTime) => runner.tick(at.toJSDate());
      await tick(start.minus({ minutes: 10 }));
      expect(titlesTo(notifications, 'alice')).toHaveLength(1);

      // Moved 5 minutes later: a second run, but alice is not told again.
      const moved = start.plus({ minutes: 5 });
      await store.sessions.update(session.id, {
        startTime: moved.setZone(lab.timeZone).toFormat('HH:mm'),
      });
      await tick(moved.minus({ minutes: 10 }));
      expect(
        (await store.sessions.listRuns(session.id)).map(r => r.state),
      ).toEqual(['warm', 'warm']);
      expect(titlesTo(notifications, 'alice')).toHaveLength(1);

      // The old stop time passes with the moved meeting still on.
      const [alices] = await store.desktops.listByCourse(lab.courseId);
      await tick(start.plus({ minutes: 45 }));
      expect((await store.desktops.get(alices.id))?.state).toBe('running');
      await tick(moved.plus({ minutes: 45 }));
      await untilState(store, alices.id, 'stopped');
      expect(
        (await store.sessions.listRuns(session.id)).map(r => r.state),
      ).toEqual(['ended', 'ended']);
      expect(titlesTo(notifications, 'alice')).toHaveLength(1);
    },
  );
});
