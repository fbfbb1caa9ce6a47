import type { ShareRole } from '@internal/backstage-plugin-desktops-common';

/** How a share role reads in menus. */
export const SHARE_ROLE_LABELS: Record<ShareRole, string> = {
  viewer: 'Viewer: can watch',
  controller: 'Controller: can watch and ask for control',
};

/** How a share role reads on a chip. */
export const SHARE_ROLE_SHORT: Record<ShareRole, string> = {
  viewer: 'Can watch',
  controller: 'Can ask for control',
};
