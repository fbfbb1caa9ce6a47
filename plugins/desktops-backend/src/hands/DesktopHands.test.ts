import { mockServices } from '@backstage/backend-test-utils';
import { nowIso } from '@internal/backstage-plugin-labstage-node';
import { requiredTestDatabases } from '@internal/backstage-plugin-labstage-node/testUtils';
import { RecordingNotifications } from '../__testUtils__/recordingNotifications';
import { RecordingSignals } from '../__testUtils__/recordingSignals';
import { fixedDirectory } from '../__testUtils__/testAccounts';
import { applyMigrations, createDesktopsStore, newDesktopId } from '../store';
import { DesktopHands } from './DesktopHands';
import { HandStore } from './HandStore';

jest.setTimeout(60_000);

const alice = 'user:default/alice';
const courseId = '0b5c5d4e-4a44-4f6e-9a57-5d6c1f0e9a11';

describe('raised hands', () => {
  const databases = requiredTestDatabases('raised hands tests');

  async function setup(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    await applyMigrations(knex);
    const store = createDesktopsStore(knex);
    const desktop = async (course: string | null) => {
      const d = await store.desktops.insert({
        id: newDesktopId(),
        owner: alice,
        name: 'Lab 1',
        imageId: 'linux-desktop',
        imageRef: 'labstage/desktop:latest',
        imageTitle: 'Linux desktop',
        courseId: course ?? undefined,
        resources: { cpus: 1, memoryMiB: 1536, pids: 512 },
        launchRequestedAt: nowIso(),
      });
      return d;
    };
    const signals = new RecordingSignals();
    const notifications = new RecordingNotifications();
    const logger = mockServices.logger.mock();
    const hands = new DesktopHands({
      store: new HandStore(knex),
      courses: {
        coursesOf: async username =>
          username === 'alice'
            ? [
                {
                  courseId,
                  code: 'CS101',
                  title: 'Introduction to Linux',
                  instructors: ['teacher', 'tina'],
                  students: ['alice', 'bob'],
                },
              ]
            : [],
      },
      signals,
      notifications,
      directory: fixedDirectory,
      logger,
    });
    return { hands, desktop, signals, notifications, logger };
  }

  it.each(databases.eachSupportedId())(
    'raising tells the instructors once and leaves them a notification; lowering tells them too, %p',
    async databaseId => {
      const { hands, desktop, signals, notifications } = await setup(
        databaseId,
      );
      const d = await desktop(courseId);
      const other = await desktop(null);

      const hand = await hands.raise(d, alice);
      expect(hand).toEqual({
        desktopId: d.id,
        raisedBy: alice,
        raisedAt: expect.any(String),
      });
      // Raising again changes nothing and tells no one again.
      expect(await hands.raise(d, alice)).toEqual(hand);
      expect(await hands.get(d.id)).toEqual(hand);
      expect(await hands.forDesktops([d.id, other.id, 'zzzzzzzzzzzz'])).toEqual(
        new Map([[d.id, hand]]),
      );

      expect(signals.published).toEqual([
        {
          recipients: {
            type: 'user',
            entityRef: ['user:default/teacher', 'user:default/tina', alice],
          },
          channel: `desktops-classroom:${courseId}`,
          message: {
            type: 'hand-changed',
            courseId,
            desktopId: d.id,
            owner: alice,
            hand,
            changedBy: alice,
          },
        },
      ]);
      expect(notifications.sent).toEqual([
        {
          recipients: {
            type: 'entity',
            entityRef: ['user:default/teacher', 'user:default/tina'],
          },
          payload: {
            title: 'A hand is raised in CS101',
            description:
              'alice asks for help in "Lab 1" (Introduction to Linux).',
            link: `/courses/${courseId}/classroom`,
            topic: 'Raised hands',
            scope: `desktop-hand:${d.id}`,
          },
        },
      ]);

      await hands.lower(d, 'user:default/teacher');
      expect(await hands.get(d.id)).toBeUndefined();
      expect(signals.published[1].message).toMatchObject({
        type: 'hand-changed',
        hand: null,
        changedBy: 'user:default/teacher',
      });
      // Lowering a hand that is down tells no one.
      await hands.lower(d, alice);
      expect(signals.published).toHaveLength(2);
      expect(notifications.sent).toHaveLength(1);

      await expect(hands.raise(other, alice)).rejects.toThrow(
        /belongs to no course/,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the hand raised when the notifications backend fails, and says so in the log, %p',
    async databaseId => {
      const { hands, desktop, notifications, signals, logger } = await setup(
        databaseId,
      );
      notifications.failing = true;
      const d = await desktop(courseId);
      await hands.raise(d, alice);
      expect(await hands.get(d.id)).toBeDefined();
      expect(signals.published).toHaveLength(1);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(
          /Notifying the instructors of CS101 .* failed: .*down/,
        ),
      );
    },
  );
});
