import { requiredTestDatabases } from '@internal/backstage-plugin-labstage-node/testUtils';
import { Knex } from 'knex';
import { DateTime } from 'luxon';
import { databaseApiBackend } from '../__testUtils__/databaseApiBackend';
import { SessionRunStore, SessionStore } from '../store';

jest.setTimeout(180_000);

/**
 * GET …/sessions/now and …/sessions/:sessionId/runs against the real
 * courses plugin and policy (who may call them: the session authorization
 * matrix). The runs are written as the runner writes them, through its
 * stores on the backend's database.
 */
describe('class session run routes', () => {
  const databases = requiredTestDatabases('class session run routes');

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const backend = databaseApiBackend(databases, databaseId);
    const { api } = backend;
    let knex: Knex;
    let courseId: string;

    const sessions = () => `/api/desktops/courses/${courseId}/sessions`;

    beforeAll(async () => {
      knex = backend.knex();
      courseId = await api.course('teacher', ['alice'], {
        title: 'Tokyo lab',
        code: 'TYO1',
        timeZone: 'Asia/Tokyo',
      });
    });

    it('says which meeting is on now and in which phase, with the caller’s own course desktop', async () => {
      const none = await api.ok(
        200,
        'get',
        `${sessions()}/now`,
        api.as('alice'),
      );
      expect(none).toEqual({
        occurrence: null,
        phase: null,
        desktop: null,
        problem: null,
      });

      // A one-off meeting 5 minutes from now in the course's zone: its
      // 10-minute warm-up has begun.
      const start = DateTime.now()
        .setZone('Asia/Tokyo')
        .plus({ minutes: 5 })
        .startOf('minute');
      const session = await api.ok(201, 'post', sessions(), api.as('teacher'), {
        title: 'Warm lab',
        kind: 'once',
        startDate: start.toISODate(),
        startTime: start.toFormat('HH:mm'),
        durationMinutes: 60,
      });
      const now = await api.ok(
        200,
        'get',
        `${sessions()}/now`,
        api.as('alice'),
      );
      expect(now).toEqual({
        occurrence: expect.objectContaining({
          sessionId: session.id,
          courseId,
          start: start.toUTC().toISO(),
        }),
        phase: 'warming-up',
        desktop: null,
        problem: null,
      });

      // The warm-up could not start her desktop: she is told why.
      const reason = 'This course has no environment published yet.';
      await new SessionRunStore(knex).recordOutcome({
        sessionId: session.id,
        occurrenceStart: start.toUTC().toISO()!,
        student: 'user:default/alice',
        outcome: 'failed',
        desktopId: null,
        reason,
      });
      const failed = await api.ok(
        200,
        'get',
        `${sessions()}/now`,
        api.as('alice'),
      );
      expect(failed.problem).toBe(reason);

      // With a course desktop, the caller sees their own.
      const desktopId = await api.courseDesktopOf('alice', courseId);
      const withDesktop = await api.ok(
        200,
        'get',
        `${sessions()}/now`,
        api.as('alice'),
      );
      expect(withDesktop.desktop).toEqual({ id: desktopId, state: 'running' });
      const teachers = await api.ok(
        200,
        'get',
        `${sessions()}/now`,
        api.as('teacher'),
      );
      expect(teachers.desktop).toBeNull();
      expect(teachers.problem).toBeNull();
    });

    it('lists the warm-ups of a session newest first, with who could not be started and why', async () => {
      const session = await api.ok(201, 'post', sessions(), api.as('teacher'), {
        title: 'Weekly',
        kind: 'weekly',
        startDate: '2030-01-07',
        startTime: '09:00',
        durationMinutes: 90,
        weekdays: [1],
      });
      const runs = () =>
        api.ok(
          200,
          'get',
          `${sessions()}/${session.id}/runs`,
          api.as('teacher'),
        );
      expect(await runs()).toEqual({ items: [] });

      const store = new SessionStore(knex);
      const outcomes = new SessionRunStore(knex);
      const first = '2030-01-07T00:00:00.000Z';
      const second = '2030-01-14T00:00:00.000Z';
      await store.claimRun(session.id, first);
      await store.markRun(session.id, first, 'warm');
      await store.claimRun(session.id, second);
      await outcomes.recordOutcome({
        sessionId: session.id,
        occurrenceStart: first,
        student: 'user:default/alice',
        outcome: 'started',
        desktopId: 'abcdefabcdef',
        reason: null,
      });
      await outcomes.recordOutcome({
        sessionId: session.id,
        occurrenceStart: first,
        student: 'user:default/bob',
        outcome: 'failed',
        desktopId: null,
        reason: 'You already have 2 desktops running (your limit is 2).',
      });
      expect(await runs()).toEqual({
        items: [
          {
            sessionId: session.id,
            occurrenceStart: second,
            state: 'warming',
            started: 0,
            problems: [],
          },
          {
            sessionId: session.id,
            occurrenceStart: first,
            state: 'warm',
            started: 1,
            problems: [
              {
                student: 'user:default/bob',
                displayName: 'bob',
                reason:
                  'You already have 2 desktops running (your limit is 2).',
              },
            ],
          },
        ],
      });

      // A session of another course is not found under this one.
      const other = await api.course('teacher', []);
      await api.ok(
        404,
        'get',
        `/api/desktops/courses/${other}/sessions/${session.id}/runs`,
        api.as('teacher'),
      );
    });
  });
});
