import {
  ApiBlueprint,
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  discoveryApiRef,
  fetchApiRef,
  identityApiRef,
} from '@backstage/core-plugin-api';
import { DesktopsClient, desktopsApiRef } from './api/DesktopsClient';
import { desktopRouteRef, rootRouteRef } from './routes';

export const desktopsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: desktopsApiRef,
      deps: {
        discoveryApi: discoveryApiRef,
        fetchApi: fetchApiRef,
        identityApi: identityApiRef,
      },
      factory: deps => new DesktopsClient(deps),
    }),
});

export const desktopsPage = PageBlueprint.make({
  params: {
    path: '/desktops',
    title: 'My desktops',
    routeRef: rootRouteRef,
    noHeader: true,
    loader: () =>
      import('./components/DesktopsPage/DesktopsPage').then(m => (
        <m.DesktopsPage />
      )),
  },
});

export const desktopViewerPage = PageBlueprint.make({
  name: 'viewer',
  params: {
    path: '/desktops/:desktopId',
    title: 'Desktop',
    routeRef: desktopRouteRef,
    noHeader: true,
    loader: () =>
      import('./components/DesktopViewer/DesktopViewerPage').then(m => (
        <m.DesktopViewerPage />
      )),
  },
});

/**
 * Labstage desktops: my desktops, the in-browser viewer and the desktops API.
 *
 * @public
 */
export const desktopsPlugin = createFrontendPlugin({
  pluginId: 'desktops',
  info: { packageJson: () => import('../package.json') },
  extensions: [desktopsApi, desktopsPage, desktopViewerPage],
  routes: {
    root: rootRouteRef,
    desktop: desktopRouteRef,
  },
});
