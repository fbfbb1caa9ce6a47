import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import {
  ACCOUNT_CHANGED_TOPIC,
  AccountChangedEvent,
} from '@internal/backstage-plugin-accounts-common';

export type AccountChangeAnnouncer = (
  event: AccountChangedEvent,
) => Promise<void>;

/**
 * Announces an account change on the events service. The change is already
 * stored when this runs, so a failure to announce is logged, not thrown:
 * caches then catch up within seconds, and open desktop connections end at
 * their next reconnect (tickets are checked against the stored account).
 */
export function eventsAnnouncer(
  events: EventsService,
  logger: LoggerService,
): AccountChangeAnnouncer {
  return async event => {
    try {
      await events.publish({
        topic: ACCOUNT_CHANGED_TOPIC,
        eventPayload: event,
      });
    } catch (error) {
      logger.error(
        `Could not announce that account ${event.username} was ${event.change}: ${error}`,
      );
    }
  };
}
