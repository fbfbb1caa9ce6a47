import { LoggerService } from '@backstage/backend-plugin-api';
import { DesktopsStore } from '../store';

/** Activity is written at most this often per desktop and kind. */
const ACTIVITY_WRITE_INTERVAL_MS = 30_000;

export type ActivityKind = 'input' | 'viewer';

/**
 * Last input and last viewer times, for idle stop. The gateway reports on
 * every input message, so writes are throttled; idle stop works in minutes.
 */
export class ActivityRecorder {
  private readonly lastWrite = new Map<string, number>();

  constructor(
    private readonly store: DesktopsStore,
    private readonly logger: LoggerService,
  ) {}

  record(id: string, kind: ActivityKind): void {
    const key = `${id}:${kind}`;
    const now = Date.now();
    const last = this.lastWrite.get(key);
    if (last !== undefined && now - last < ACTIVITY_WRITE_INTERVAL_MS) return;
    this.lastWrite.set(key, now);
    this.store.desktops
      .recordActivity(id, kind, new Date(now).toISOString())
      .catch(error =>
        this.logger.warn(
          `Recording ${kind} activity of ${id} failed: ${error}`,
        ),
      );
  }

  forget(id: string): void {
    this.lastWrite.delete(`${id}:input`);
    this.lastWrite.delete(`${id}:viewer`);
  }
}
