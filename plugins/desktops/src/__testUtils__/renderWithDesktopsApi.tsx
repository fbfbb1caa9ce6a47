import { ReactElement } from 'react';
import { ApiRef } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { desktopsApiRef } from '../api/DesktopsClient';
import { desktopRouteRef, rootRouteRef } from '../routes';

/**
 * Renders `element` in a test app with `api` (a stand-in with the calls the
 * test needs) as the desktops API, and `apis` besides; the desktops routes
 * are mounted at /desktops, so links to desktops resolve.
 */
export function renderWithDesktopsApi(
  element: ReactElement,
  api: object,
  apis: Array<readonly [ApiRef<unknown>, unknown]> = [],
) {
  return renderInTestApp(element, {
    mountedRoutes: {
      '/desktops': rootRouteRef,
      '/desktops/:desktopId': desktopRouteRef,
    },
    apis: [[desktopsApiRef, api], ...apis] as any,
  });
}
