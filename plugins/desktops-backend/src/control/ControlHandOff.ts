import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { NotificationService } from '@backstage/plugin-notifications-node';
import type { DesktopGateway } from '../gateway/createGateway';
import { AuditLog } from '../audit/AuditLog';
import { DesktopRecord } from '../store';
import type { ControlHold } from './ControlState';

/** A holder who left keeps the control this long, to reconnect. */
export const HOLDER_GRACE_MS = 15_000;

const sameUser = (a: string, b: string) =>
  a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');

/**
 * The control hand-off of the decided model, on top of the gateway's
 * ControlState: a controller asks, the owner grants with one click and can
 * take the control back at any time, the holder can give it up, and an
 * instructor of the course (or an admin) takes it directly, which is
 * logged and told to the student. The routes check who may do what
 * through the permission framework before calling in here; this class
 * checks what the state allows and writes the audit log first, so a
 * hand-off that could not be logged does not happen.
 */
export class ControlHandOff {
  readonly #gateway: Pick<
    DesktopGateway,
    'control' | 'sessions' | 'onSessionChange'
  >;
  readonly #audit: AuditLog;
  readonly #notifications?: NotificationService;
  readonly #logger: LoggerService;
  readonly #unsubscribe: () => void;
  readonly #holderGraceMs: number;
  readonly #leaving = new Map<string, NodeJS.Timeout>();

  constructor(options: {
    gateway: Pick<DesktopGateway, 'control' | 'sessions' | 'onSessionChange'>;
    audit: AuditLog;
    notifications?: NotificationService;
    logger: LoggerService;
    /** How long a holder with no control connection keeps the control. */
    holderGraceMs?: number;
  }) {
    this.#gateway = options.gateway;
    this.#audit = options.audit;
    this.#notifications = options.notifications;
    this.#logger = options.logger;
    this.#holderGraceMs = options.holderGraceMs ?? HOLDER_GRACE_MS;
    // A holder who closed their last control connection has left: the
    // control goes back to the owner instead of showing "X has control"
    // to the student for the rest of the run. Not at once: a reconnect
    // (a network blip, or Xvnc closing a connection still in its
    // handshake when the screen is resized) must not lose a hand-off.
    this.#unsubscribe = this.#gateway.onSessionChange(({ type, session }) => {
      if (type !== 'closed') return;
      const holder = this.#gateway.control.holder(session.desktopId);
      if (!holder || !sameUser(holder.userEntityRef, session.userEntityRef))
        return;
      if (this.#holderConnected(session.desktopId, holder.userEntityRef))
        return;
      const key = `${session.desktopId} ${holder.userEntityRef}`;
      clearTimeout(this.#leaving.get(key));
      this.#leaving.set(
        key,
        setTimeout(() => {
          this.#leaving.delete(key);
          this.#releaseIfGone(session, holder);
        }, this.#holderGraceMs).unref(),
      );
    });
  }

  #holderConnected(desktopId: string, userEntityRef: string): boolean {
    return this.#gateway
      .sessions(desktopId)
      .some(
        s => sameUser(s.userEntityRef, userEntityRef) && s.mode === 'control',
      );
  }

  #releaseIfGone(
    session: { desktopId: string; owner: string },
    left: ControlHold,
  ) {
    const { control } = this.#gateway;
    const holder = control.holder(session.desktopId);
    // Someone else got it meanwhile, or they came back.
    if (!holder || holder.since.getTime() !== left.since.getTime()) return;
    if (this.#holderConnected(session.desktopId, holder.userEntityRef)) return;
    if (control.release(session.desktopId, holder.userEntityRef)) {
      this.#audit.record({
        action: 'control.release',
        desktopId: session.desktopId,
        desktopOwner: session.owner,
        actor: holder.userEntityRef,
        subject: holder.userEntityRef,
        details: { reason: 'The holder disconnected' },
      });
    }
  }

  /** A controller asks the owner for the control. */
  async request(desktop: DesktopRecord, userEntityRef: string): Promise<void> {
    this.#refuseOwner(desktop, userEntityRef);
    const holder = this.#gateway.control.holder(desktop.id);
    if (holder && sameUser(holder.userEntityRef, userEntityRef)) {
      throw new ConflictError('You already have the control');
    }
    this.#gateway.control.request(desktop.id, userEntityRef);
  }

  /**
   * The owner hands the control to someone who asked for it or is
   * connected with a control connection (either needed the control
   * permission: asking is checked by its route, a control connection by
   * its ticket; a revoked or downgraded share has already lost both).
   */
  async grant(
    desktop: DesktopRecord,
    by: string,
    grantee: string,
  ): Promise<void> {
    const { control } = this.#gateway;
    if (sameUser(grantee, desktop.owner)) {
      throw new ConflictError(
        'The owner always has the control; release it instead to take it back',
      );
    }
    const connected = this.#gateway
      .sessions(desktop.id)
      .some(s => sameUser(s.userEntityRef, grantee) && s.mode === 'control');
    if (!control.hasRequested(desktop.id, grantee) && !connected) {
      throw new ConflictError(
        `${grantee} has not asked for the control and has no control connection to this desktop`,
      );
    }
    const previous = control.holder(desktop.id);
    await this.#audit.append({
      action: 'control.grant',
      desktopId: desktop.id,
      desktopOwner: desktop.owner,
      actor: by,
      subject: grantee,
      details: previous
        ? { reason: `Replaces ${previous.userEntityRef}` }
        : null,
    });
    control.give(desktop.id, grantee, 'granted');
  }

  /**
   * The control goes back to the owner: the owner takes it back, or the
   * holder gives it up. Anyone else may only withdraw their own request.
   */
  async release(desktop: DesktopRecord, by: string): Promise<void> {
    const { control } = this.#gateway;
    const holder = control.holder(desktop.id);
    const isOwner = sameUser(by, desktop.owner);
    if (holder && (isOwner || sameUser(holder.userEntityRef, by))) {
      await this.#audit.append({
        action: 'control.release',
        desktopId: desktop.id,
        desktopOwner: desktop.owner,
        actor: by,
        subject: holder.userEntityRef,
      });
      control.release(desktop.id, isOwner ? undefined : by);
      return;
    }
    if (control.cancelRequest(desktop.id, by)) return;
    if (isOwner) return; // nothing to take back: the owner has it
    throw new ConflictError('You neither hold nor asked for the control');
  }

  /**
   * An instructor of the desktop's course, or an admin, takes the control
   * without asking; the student is told in the viewer (presence) and by a
   * notification.
   */
  async take(desktop: DesktopRecord, by: string): Promise<void> {
    this.#refuseOwner(desktop, by);
    const { control } = this.#gateway;
    const previous = control.holder(desktop.id);
    await this.#audit.append({
      action: 'control.take',
      desktopId: desktop.id,
      desktopOwner: desktop.owner,
      actor: by,
      subject: previous?.userEntityRef ?? null,
    });
    control.give(desktop.id, by, 'taken');
    this.#notifyOwner(desktop);
  }

  close(): void {
    this.#unsubscribe();
    for (const timer of this.#leaving.values()) clearTimeout(timer);
    this.#leaving.clear();
  }

  #refuseOwner(desktop: DesktopRecord, userEntityRef: string) {
    if (sameUser(desktop.owner, userEntityRef)) {
      throw new ConflictError(
        'You own this desktop: your input always reaches it',
      );
    }
  }

  #notifyOwner(desktop: DesktopRecord) {
    if (!this.#notifications) return;
    this.#notifications
      .send({
        recipients: { type: 'entity', entityRef: desktop.owner },
        payload: {
          title: 'Your instructor joined your desktop',
          description: `Your instructor has control of "${desktop.name}". You can keep watching; they can type and use the mouse.`,
          link: `/desktops/${desktop.id}`,
          severity: 'normal',
          topic: 'desktops.control',
          // One notification per desktop, updated on each take.
          scope: `desktops.control:${desktop.id}`,
        },
      })
      .catch(error =>
        this.#logger.warn(
          `Could not notify ${desktop.owner} that their instructor took control of desktop ${desktop.id}: ${error}`,
        ),
      );
  }
}
