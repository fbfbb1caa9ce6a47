import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { ShareRole } from '@internal/backstage-plugin-desktops-common';
import { DesktopRecord } from '../store';
import { ShareChange, ShareChanges } from './ShareChanges';

/** Where invitees find shared desktops: My desktops, "Shared with me". */
export const SHARED_WITH_ME_LINK = '/desktops';

const whatTheyMayDo: Record<ShareRole, string> = {
  viewer: 'you can watch it',
  controller: 'you can watch it and take control when the owner hands it over',
};

/** The notification an invitation or a role change sends the invitee. */
export function shareNotification(
  change: ShareChange & { after: ShareRole },
  desktop: Pick<DesktopRecord, 'id' | 'name'>,
  ownerName: string,
) {
  return {
    recipients: { type: 'entity' as const, entityRef: change.grantee },
    payload: {
      title:
        change.before === null
          ? `${ownerName} shared a desktop with you`
          : `${ownerName} changed your access to a desktop`,
      description: `"${desktop.name}": ${
        whatTheyMayDo[change.after]
      }. It is under "Shared with me" on My desktops.`,
      link: SHARED_WITH_ME_LINK,
      severity: 'normal' as const,
      topic: 'Desktop shared',
      // One notification per desktop and person: a role change replaces
      // the invitation's instead of piling up.
      scope: `desktop-share:${desktop.id}`,
    },
  };
}

/**
 * Tells invitees, through the Backstage notifications plugin, that a
 * desktop was shared with them or that their role changed. Sending does not
 * hold up the route that made the change; a failure is logged.
 */
export function notifyShareChanges(deps: {
  changes: ShareChanges;
  notifications: NotificationService;
  findDesktop(id: string): Promise<DesktopRecord | undefined>;
  displayName(userEntityRef: string): Promise<string>;
  logger: LoggerService;
}): () => void {
  const send = async (change: ShareChange & { after: ShareRole }) => {
    const desktop = await deps.findDesktop(change.desktopId);
    if (!desktop) return;
    await deps.notifications.send(
      shareNotification(change, desktop, await deps.displayName(desktop.owner)),
    );
  };
  return deps.changes.subscribe(change => {
    const { after } = change;
    if (after === null || after === change.before) return;
    send({ ...change, after }).catch(error =>
      deps.logger.warn(
        `Could not notify ${change.grantee} of desktop ${change.desktopId} shared with them: ${error}`,
      ),
    );
  });
}
