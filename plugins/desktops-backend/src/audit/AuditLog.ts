import {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { ShareChange, ShareChanges } from '../sharing/ShareChanges';
import { AuditStore, NewAuditEntry } from '../store/AuditStore';
import type { DesktopGateway } from '../gateway/createGateway';

export const DEFAULT_AUDIT_RETENTION_DAYS = 365;
/** A hundred years: beyond that the setting is surely a typo. */
const MAX_AUDIT_RETENTION_DAYS = 36_500;
const DAY_MS = 24 * 60 * 60 * 1000;

/** `desktops.audit.retentionDays`, validated. */
export function readAuditRetentionDays(config: RootConfigService): number {
  const days =
    config.getOptionalNumber('desktops.audit.retentionDays') ??
    DEFAULT_AUDIT_RETENTION_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_AUDIT_RETENTION_DAYS) {
    throw new Error(
      `desktops.audit.retentionDays must be a whole number of days from 1 to ${MAX_AUDIT_RETENTION_DAYS}, got ${days}`,
    );
  }
  return days;
}

/**
 * Writes the desktop audit log and keeps it within its retention. Entries
 * the gateway produces (connections) are written in the background, so a
 * relay never waits for the database; their failures are logged, and
 * `flush` waits for them (at shutdown). Entries of deliberate actions
 * (control hand-offs, stops) are awaited by their routes through `append`,
 * so an action that could not be logged is not done.
 */
export class AuditLog {
  readonly store: AuditStore;
  readonly retentionDays: number;
  readonly #logger: LoggerService;
  readonly #now: () => Date;
  readonly #pending = new Set<Promise<void>>();

  constructor(options: {
    store: AuditStore;
    logger: LoggerService;
    retentionDays?: number;
    now?: () => Date;
  }) {
    this.store = options.store;
    this.#logger = options.logger;
    this.retentionDays = options.retentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS;
    this.#now = options.now ?? (() => new Date());
  }

  /** Appends an entry; rejects if it could not be written. */
  append(entry: NewAuditEntry): Promise<void> {
    return this.store.append({ ...entry, at: entry.at ?? this.#now() });
  }

  /** Appends in the background; a failure is logged. */
  record(entry: NewAuditEntry): void {
    const write = this.append(entry)
      .catch(error =>
        this.#logger.error(
          `Could not write the audit entry ${entry.action} of desktop ${entry.desktopId} by ${entry.actor}: ${error}`,
        ),
      )
      .finally(() => this.#pending.delete(write));
    this.#pending.add(write);
  }

  /** Resolves once every background write has finished. */
  async flush(): Promise<void> {
    while (this.#pending.size > 0) {
      await Promise.all([...this.#pending]);
    }
  }

  /** Deletes entries past the retention; returns how many. */
  async purgeExpired(): Promise<number> {
    const cutoff = new Date(
      this.#now().getTime() - this.retentionDays * DAY_MS,
    );
    const purged = await this.store.purgeOlderThan(cutoff);
    if (purged > 0) {
      this.#logger.info(
        `Purged ${purged} desktop audit entries older than ${cutoff.toISOString()} (${
          this.retentionDays
        } days)`,
      );
    }
    return purged;
  }

  /** Records every gateway connection's open and close. */
  recordConnections(
    gateway: Pick<DesktopGateway, 'onSessionChange'>,
  ): () => void {
    return gateway.onSessionChange(({ type, session }) => {
      if (type === 'input') return;
      this.record({
        at: type === 'opened' ? session.openedAt : session.closedAt,
        action: type === 'opened' ? 'connection.open' : 'connection.close',
        desktopId: session.desktopId,
        desktopOwner: session.owner,
        actor: session.userEntityRef,
        connectionId: session.connectionId,
        mode: session.mode,
        details:
          type === 'closed' && session.endReason
            ? { reason: session.endReason }
            : null,
      });
    });
  }

  /** Records every share grant, change and revoke. */
  recordShareChanges(
    changes: ShareChanges,
    ownerOf: (desktopId: string) => Promise<string | undefined>,
  ): () => void {
    return changes.subscribe(async (change: ShareChange) => {
      const owner = await ownerOf(change.desktopId);
      let action: NewAuditEntry['action'] = 'share.change';
      if (change.before === null) action = 'share.grant';
      if (change.after === null) action = 'share.revoke';
      await this.append({
        action,
        desktopId: change.desktopId,
        // A desktop being deleted revokes its shares first; its owner may
        // already be unreadable by then.
        desktopOwner: owner ?? change.changedBy,
        actor: change.changedBy,
        subject: change.grantee,
        details: { before: change.before, after: change.after },
      });
    });
  }
}
