import { mockServices } from '@backstage/backend-test-utils';
import { desktopPresenceChannel } from '@internal/backstage-plugin-desktops-common';
import { RecordingNotifications } from '../__testUtils__/recordingNotifications';
import { RecordingSignals } from '../__testUtils__/recordingSignals';
import { SessionNotices } from './sessionNotices';

describe('SessionNotices.stopsSoon', () => {
  it("tells the student by notification and their open viewer by a signal, with the stop's time", async () => {
    const notifications = new RecordingNotifications();
    const signals = new RecordingSignals();
    const notices = new SessionNotices({
      notifications,
      signals,
      logger: mockServices.logger.mock(),
    });
    await notices.stopsSoon(
      'user:default/alice',
      'd1',
      { sessionId: 's1', start: '2026-12-01T08:00:00.000Z' },
      5,
      new Date('2026-12-01T09:45:00.000Z'),
    );
    expect(notifications.sent.map(n => n.payload.title)).toEqual([
      'Class is over: your desktop stops in 5 minutes (your home is kept)',
    ]);
    expect(signals.published).toEqual([
      {
        recipients: { type: 'user', entityRef: 'user:default/alice' },
        channel: desktopPresenceChannel('d1'),
        message: {
          type: 'stop-scheduled',
          desktopId: 'd1',
          stopsAt: '2026-12-01T09:50:00.000Z',
          reason:
            'Class is over: this desktop stops in 5 minutes. Save your work; your home is kept.',
        },
      },
    ]);
  });

  it('still sends the notification when the signal cannot go out', async () => {
    const notifications = new RecordingNotifications();
    const logger = mockServices.logger.mock();
    const notices = new SessionNotices({
      notifications,
      signals: {
        publish: async () => {
          throw new Error('signals down');
        },
      },
      logger,
    });
    await notices.stopsSoon(
      'user:default/alice',
      'd1',
      { sessionId: 's1', start: '2026-12-01T08:00:00.000Z' },
      5,
    );
    expect(notifications.sent).toHaveLength(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('signals down'),
    );
  });
});
