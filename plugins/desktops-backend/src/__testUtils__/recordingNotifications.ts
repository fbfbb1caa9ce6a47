import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';

/**
 * Keeps what would go to the notifications backend (covered for real in the
 * classroom matrix test); `failing` makes every send throw.
 */
export class RecordingNotifications implements NotificationService {
  readonly sent: NotificationSendOptions[] = [];
  failing = false;
  async send(options: NotificationSendOptions): Promise<void> {
    if (this.failing) throw new Error('notifications backend is down');
    this.sent.push(options);
  }
}
