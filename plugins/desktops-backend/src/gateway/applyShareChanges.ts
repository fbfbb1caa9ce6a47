import { LoggerService } from '@backstage/backend-plugin-api';
import { ShareChange } from '../sharing/ShareChanges';
import { ConnectTickets } from './ConnectTickets';
import { DesktopGateway } from './createGateway';

/** The close reason a viewer shows when its share was revoked. */
export const ACCESS_REVOKED_REASON = 'access revoked';

export type ApplyShareChangesOptions = {
  gateway: Pick<
    DesktopGateway,
    'revoke' | 'withdrawInput' | 'control' | 'connections'
  >;
  tickets: Pick<ConnectTickets, 'revokeForUser'>;
  logger: LoggerService;
};

const sameUser = (a: string, b: string) =>
  a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');

/**
 * Applies share changes to live connections (subscribe it to ShareChanges):
 *
 * - revoked (`after` null): the person's connections to that desktop close
 *   with AccessRevoked, "access revoked", and their unused tickets for it
 *   are voided;
 * - controller → viewer: their control connections stay open in view mode,
 *   dropping input from this moment, and their unused tickets are voided
 *   (an unused control ticket would otherwise still open a control
 *   connection).
 *
 * Either way they lose the control and any pending request. Connections
 * are acted on first, synchronously, so the cut does not wait for the
 * database; then the tickets are voided, then connections are checked
 * again, for a ticket consumed while it was being voided.
 */
export function applyShareChanges(options: ApplyShareChangesOptions) {
  const { gateway, tickets, logger } = options;
  return async (change: ShareChange): Promise<void> => {
    const { desktopId, grantee } = change;
    const theirs = (c: { desktopId: string; userEntityRef: string }) =>
      c.desktopId === desktopId && sameUser(c.userEntityRef, grantee);

    if (change.after === null) {
      const closed = gateway.revoke(theirs, ACCESS_REVOKED_REASON);
      gateway.control.forget(desktopId, grantee);
      await tickets.revokeForUser(grantee, [desktopId]);
      const late = gateway.revoke(theirs, ACCESS_REVOKED_REASON);
      logger.info(
        `Share of desktop ${desktopId} with ${grantee} revoked: ${
          closed + late
        } connection(s) closed`,
      );
      return;
    }
    if (change.before === 'controller' && change.after === 'viewer') {
      const withdrawn = gateway.withdrawInput(theirs);
      gateway.control.forget(desktopId, grantee);
      await tickets.revokeForUser(grantee, [desktopId]);
      gateway.withdrawInput(theirs);
      logger.info(
        `Share of desktop ${desktopId} with ${grantee} is view only now: input of ${withdrawn} connection(s) dropped`,
      );
    }
  };
}
