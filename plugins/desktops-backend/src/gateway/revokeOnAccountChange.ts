import { LoggerService } from '@backstage/backend-plugin-api';
import { AccountChangedEvent } from '@internal/backstage-plugin-accounts-common';
import { ConnectTickets } from './ConnectTickets';
import { DesktopGateway } from './createGateway';

export type RevokeOnAccountChangeOptions = {
  gateway: Pick<DesktopGateway, 'connections' | 'revoke'>;
  tickets: Pick<ConnectTickets, 'revokeForUser'>;
  /** The owner of a desktop, or undefined if it is gone. */
  ownerOf(desktopId: string): Promise<string | undefined>;
  logger: LoggerService;
};

/**
 * Turns account changes into gateway revocations. A disabled or deleted
 * account loses every connection and unused ticket. After a change of role,
 * connections to desktops the user does not own are cut: whatever the old
 * role allowed there must be asked for again, through a new ticket, which
 * the permission policy checks against the new role.
 */
export function revokeOnAccountChange(options: RevokeOnAccountChangeOptions) {
  const { gateway, tickets, ownerOf, logger } = options;
  return async (event: AccountChangedEvent): Promise<void> => {
    const user = event.userEntityRef;
    if (event.change === 'disabled' || event.change === 'deleted') {
      await tickets.revokeForUser(user);
      const closed = gateway.revoke(
        c => c.userEntityRef === user,
        event.change === 'disabled'
          ? 'Your account was disabled'
          : 'Your account was deleted',
      );
      logger.info(
        `Account ${user} ${event.change}: ${closed} desktop connection(s) closed`,
      );
      return;
    }
    if (event.change === 'role') {
      const theirs = gateway
        .connections()
        .filter(c => c.userEntityRef === user);
      const desktopIds = [...new Set(theirs.map(c => c.desktopId))];
      const owners = new Map(
        await Promise.all(
          desktopIds.map(async id => [id, await ownerOf(id)] as const),
        ),
      );
      const notOwned = desktopIds.filter(id => owners.get(id) !== user);
      if (notOwned.length === 0) return;
      await tickets.revokeForUser(user, notOwned);
      gateway.revoke(
        c => c.userEntityRef === user && notOwned.includes(c.desktopId),
        'Your role changed; reconnect if you still have access',
      );
    }
  };
}
