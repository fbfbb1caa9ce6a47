import { mockServices } from '@backstage/backend-test-utils';
import { desktopPresenceChannel } from '@internal/backstage-plugin-desktops-common';
import { RecordingSignals } from '../__testUtils__/recordingSignals';
import { ShareChanges } from './ShareChanges';
import { signalAccessChanges } from './signalAccessChanges';

describe('signalAccessChanges', () => {
  it("tells only the invited person's viewer their new role, revokes included", async () => {
    const changes = new ShareChanges(mockServices.logger.mock());
    const signals = new RecordingSignals();
    const stop = signalAccessChanges({ changes, signals });
    const change = {
      desktopId: 'd1',
      grantee: 'user:default/bob',
      changedBy: 'user:default/alice',
    };
    await changes.publish({ ...change, before: 'viewer', after: 'controller' });
    await changes.publish({ ...change, before: 'controller', after: null });
    stop();
    await changes.publish({ ...change, before: null, after: 'viewer' });

    expect(signals.published).toEqual([
      {
        recipients: { type: 'user', entityRef: 'user:default/bob' },
        channel: desktopPresenceChannel('d1'),
        message: {
          type: 'access-changed',
          desktopId: 'd1',
          role: 'controller',
        },
      },
      {
        recipients: { type: 'user', entityRef: 'user:default/bob' },
        channel: desktopPresenceChannel('d1'),
        message: { type: 'access-changed', desktopId: 'd1', role: null },
      },
    ]);
  });
});
