import { useEffect, useState } from 'react';
import {
  ConnectMode,
  Desktop,
  desktopPresenceChannel,
  DesktopPresenceSignal,
} from '@internal/backstage-plugin-desktops-common';
import { useDesktopsApi } from '../../api/hooks';
import { sameUser, useSignalChannel } from '../../hooks/useSignalChannel';

/**
 * How the caller relates to the desktop in the viewer:
 * - `owner`: their input always reaches it;
 * - `viewer`: invited to watch (view ticket, never input);
 * - `controller`: invited as controller (control ticket, input only while
 *   they hold the control, which they ask the owner for);
 * - `staff`: neither owner nor invited, yet allowed to open it: an
 *   instructor of its course or an admin (control ticket, input only after
 *   Take control).
 */
export type ViewerAccess = 'owner' | 'viewer' | 'controller' | 'staff';

/** The gateway ticket each access connects with. */
export function ticketMode(access: ViewerAccess): ConnectMode {
  return access === 'viewer' ? 'view' : 'control';
}

/**
 * Works out the caller's access once the desktop and the caller are known.
 * For someone else's desktop the invitations decide; the server checks
 * every ticket and control call again, so this only chooses what to offer.
 */
export function useViewerAccess(
  desktop: Desktop | undefined,
  me: string | undefined,
): ViewerAccess | undefined {
  const api = useDesktopsApi();
  const [access, setAccess] = useState<ViewerAccess>();
  const owner = desktop?.owner;
  const desktopId = desktop?.id;
  // Known at once for the owner, so their tools never flicker.
  const isOwner = sameUser(owner, me);

  useEffect(() => {
    if (!owner || !desktopId || !me || isOwner) return undefined;
    let cancelled = false;
    api
      .listSharedWithMe()
      .then(shared => {
        if (cancelled) return;
        const mine = shared.find(d => d.id === desktopId);
        setAccess(mine ? mine.role : 'staff');
      })
      .catch(() => {
        // Without the list, watching is the safe assumption; the server
        // would refuse a control ticket to a viewer anyway.
        if (!cancelled) setAccess('viewer');
      });
    return () => {
      cancelled = true;
    };
  }, [api, owner, desktopId, me, isOwner]);

  // The owner changed this person's share while the viewer is open: a new
  // role means a new ticket mode (the connection follows `ticketMode`). A
  // revoke is shown by the gateway closing the connection ("access
  // revoked"), so it leaves the access as it was.
  useSignalChannel<DesktopPresenceSignal>(
    desktopId && !isOwner ? desktopPresenceChannel(desktopId) : undefined,
    message => {
      if (
        message.type === 'access-changed' &&
        message.desktopId === desktopId &&
        message.role
      ) {
        setAccess(message.role);
      }
    },
  );

  return isOwner ? 'owner' : access;
}
