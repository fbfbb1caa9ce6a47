import {
  ApiBlueprint,
  createFrontendPlugin,
  createRouteRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import {
  AccountsClient,
  accountsApiRef,
} from '@internal/backstage-plugin-accounts-react';

/** @public */
export const adminRouteRef = createRouteRef();
/** @public */
export const accountRouteRef = createRouteRef();

export const accountsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: accountsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new AccountsClient({ discoveryApi, fetchApi }),
    }),
});

export const adminPage = PageBlueprint.make({
  name: 'admin',
  params: {
    path: '/admin',
    title: 'Admin',
    routeRef: adminRouteRef,
    noHeader: true,
    loader: () =>
      import('./components/AdminPage/AdminPage').then(m => <m.AdminPage />),
  },
});

export const accountPage = PageBlueprint.make({
  name: 'account',
  params: {
    path: '/account',
    title: 'My account',
    routeRef: accountRouteRef,
    noHeader: true,
    loader: () =>
      import('./components/AccountPage/AccountPage').then(m => (
        <m.AccountPage />
      )),
  },
});

/**
 * Labstage accounts: admin user management and the "My account" page.
 * The sign-in page is exported separately as `LabstageSignInPage`.
 *
 * @public
 */
export const accountsPlugin = createFrontendPlugin({
  pluginId: 'accounts',
  info: { packageJson: () => import('../package.json') },
  extensions: [accountsApi, adminPage, accountPage],
  routes: {
    admin: adminRouteRef,
    account: accountRouteRef,
  },
});
