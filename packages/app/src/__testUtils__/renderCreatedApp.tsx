import { render } from '@testing-library/react';
import { ConfigReader } from '@backstage/config';
import { createApp } from '@backstage/frontend-defaults';
import {
  ApiBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import { mockApis } from '@backstage/frontend-test-utils';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';

/**
 * Renders the app as createApp builds it, with `features`, at `path`: no
 * sign-in page, the permission API answering with `authorize`, the backend
 * pointed nowhere. Routes and permission predicates resolve as in
 * production; replace a plugin's APIs with a module among `features`.
 */
export function renderCreatedApp(options: {
  path: string;
  features: NonNullable<Parameters<typeof createApp>[0]>['features'];
  authorize: (
    request: EvaluatePermissionRequest,
  ) => AuthorizeResult.ALLOW | AuthorizeResult.DENY;
}) {
  const permissionApi = mockApis.permission({ authorize: options.authorize });
  const testApp = createFrontendModule({
    pluginId: 'app',
    extensions: [
      SignInPageBlueprint.make({
        disabled: true,
        params: { loader: async () => () => null },
      }),
      ApiBlueprint.make({
        name: 'permission',
        params: define =>
          define({
            api: permissionApiRef,
            deps: {},
            factory: () => permissionApi,
          }),
      }),
    ],
  });
  const app = createApp({
    features: [...(options.features ?? []), testApp],
    advanced: {
      configLoader: async () => ({
        config: ConfigReader.fromConfigs([
          {
            context: 'test',
            data: {
              app: { title: 'Labstage', baseUrl: 'http://localhost:3000' },
              backend: { baseUrl: 'http://127.0.0.1:9' },
            },
          },
        ]),
      }),
    },
  });
  // The app's own (browser) router starts where the test points it.
  window.history.replaceState(null, '', options.path);
  render(app.createRoot());
}
