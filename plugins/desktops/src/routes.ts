import { createRouteRef } from '@backstage/frontend-plugin-api';

/** My desktops, `/desktops`. */
export const rootRouteRef = createRouteRef();

/** The viewer of one desktop, `/desktops/:desktopId`. */
export const desktopRouteRef = createRouteRef({ params: ['desktopId'] });

/** The desktop audit log, for admins, `/admin/desktop-audit`. */
export const auditRouteRef = createRouteRef();

/** What the installation can run, for admins, `/admin/capacity`. */
export const capacityRouteRef = createRouteRef();
