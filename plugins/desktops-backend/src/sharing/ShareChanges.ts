import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ShareRole } from '@internal/backstage-plugin-desktops-common';

/** One person's access to one desktop, before and after a change. */
export type ShareChange = {
  desktopId: string;
  /** User entity ref of the invited person. */
  grantee: string;
  /** Null: had no share (an invitation). */
  before: ShareRole | null;
  /** Null: the share was revoked (or the desktop deleted). */
  after: ShareRole | null;
  /** Who changed it: the owner, or an admin. */
  changedBy: string;
};

/**
 * Share changes, told to whoever must act on them at once after they are
 * written: the gateway cuts a revoked person's connections and drops a
 * downgraded one's input, the audit log records them, notifications go out.
 * In-process; listeners must not throw (a failure is logged, not raised to
 * the route that made the change).
 */
export class ShareChanges {
  private readonly listeners = new Set<
    (change: ShareChange) => void | Promise<void>
  >();

  constructor(private readonly logger: LoggerService) {}

  subscribe(
    listener: (change: ShareChange) => void | Promise<void>,
  ): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs every listener; resolves once all have finished. */
  async publish(change: ShareChange): Promise<void> {
    await Promise.all(
      [...this.listeners].map(async listener => {
        try {
          await listener(change);
        } catch (error) {
          this.logger.error(
            `Acting on the share change of ${change.grantee} on desktop ${change.desktopId} failed: ${error}`,
          );
        }
      }),
    );
  }
}
