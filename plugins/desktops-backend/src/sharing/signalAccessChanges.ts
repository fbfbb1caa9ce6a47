import { SignalsService } from '@backstage/plugin-signals-node';
import {
  desktopPresenceChannel,
  DesktopPresenceSignal,
} from '@internal/backstage-plugin-desktops-common';
import { ShareChanges } from './ShareChanges';

/**
 * Tells the invited person's open viewer that their share changed, on the
 * desktop's presence channel: an upgrade to controller needs a control
 * ticket, which the viewer only asks for once it knows. The server checks
 * every ticket anyway; this only spares a reload.
 */
export function signalAccessChanges(deps: {
  changes: ShareChanges;
  signals: SignalsService;
}): () => void {
  return deps.changes.subscribe(async change => {
    await deps.signals.publish<DesktopPresenceSignal>({
      recipients: { type: 'user', entityRef: change.grantee },
      channel: desktopPresenceChannel(change.desktopId),
      message: {
        type: 'access-changed',
        desktopId: change.desktopId,
        role: change.after,
      },
    });
  });
}
