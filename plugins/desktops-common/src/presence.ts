import { z } from 'zod';
import type { ConnectMode, ShareRole } from './types';

/**
 * One person connected to a desktop through the gateway right now (their
 * connections grouped: two tabs are one person).
 *
 * @public
 */
export type PresentPerson = {
  userEntityRef: string;
  displayName: string;
  /** `control` if any of their open connections is a control one. */
  mode: ConnectMode;
  /** When their earliest open connection opened (ISO 8601). */
  since: string;
  /** Their input reaches the desktop now (the owner's always does). */
  hasControl: boolean;
  isOwner: boolean;
  /** Open connections of theirs. */
  connections: number;
};

/** Who holds "the control" besides the owner. @public */
export type ControlHolder = {
  userEntityRef: string;
  displayName: string;
  since: string;
  /** `granted` by the owner, or `taken` by an instructor or an admin. */
  how: 'granted' | 'taken';
};

/** A controller asking the owner for the control. @public */
export type ControlRequest = {
  userEntityRef: string;
  displayName: string;
  requestedAt: string;
};

/**
 * Answer of `GET /desktops/:id/presence`, and the payload of its live
 * signal: who is connected now, who holds the control, who asks for it.
 *
 * @public
 */
export type DesktopPresence = {
  desktopId: string;
  owner: string;
  people: PresentPerson[];
  control: ControlHolder | null;
  requests: ControlRequest[];
};

/**
 * Messages on `desktopPresenceChannel(desktopId)`: the presence, or (to the
 * invited person only) their share changed, so an open viewer reconnects
 * with the ticket mode the new role allows (`role` null: revoked), or (to
 * the owner) the desktop will be stopped soon, which an open viewer shows.
 *
 * @public
 */
export type DesktopPresenceSignal =
  | { type: 'presence-changed'; presence: DesktopPresence }
  | { type: 'access-changed'; desktopId: string; role: ShareRole | null }
  | {
      /** To the owner: Labstage stops the desktop at `stopsAt` (class over). */
      type: 'stop-scheduled';
      desktopId: string;
      stopsAt: string;
      reason: string;
    };

/**
 * Signals channel of one desktop's presence. Sent to the owner, everyone
 * connected, the control holder and whoever asks for the control.
 *
 * @public
 */
export function desktopPresenceChannel(desktopId: string): string {
  return `desktops.presence:${desktopId}`;
}

/** `user:<namespace>/<name>`, as Backstage writes user entity refs. @public */
export const userEntityRefSchema = z
  .string()
  .max(255, 'User references are at most 255 characters')
  .regex(
    /^user:[a-z0-9][a-z0-9._-]*\/[A-Za-z0-9][A-Za-z0-9._-]*$/,
    'Expected a user reference such as user:default/alice',
  );

/** POST /desktops/:id/control/grant @public */
export const controlGrantRequestSchema = z.strictObject({
  userEntityRef: userEntityRefSchema,
});

/** @public */
export type ControlGrantRequest = z.infer<typeof controlGrantRequestSchema>;
