import { render, screen, waitFor } from '@testing-library/react';
import { ConfigReader } from '@backstage/config';
import { createApp } from '@backstage/frontend-defaults';
import {
  ApiBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import { mockApis } from '@backstage/frontend-test-utils';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import accountsPlugin from '@internal/backstage-plugin-accounts';
import desktopsPlugin, {
  desktopsApiRef,
} from '@internal/backstage-plugin-desktops';

/**
 * The desktop audit log page as createApp builds the app, so its permission
 * predicate and its path below the accounts plugin's /admin page are
 * resolved as in production.
 */
function renderAt(path: string, options: { admin: boolean }) {
  const listAudit = jest.fn().mockResolvedValue({
    items: [
      {
        id: '1',
        at: '2026-11-29T09:00:00.000Z',
        action: 'share.grant',
        desktopId: 'd1',
        desktopOwner: 'user:default/alice',
        actor: 'user:default/alice',
        subject: 'user:default/bob',
        connectionId: null,
        mode: null,
        details: { before: null, after: 'viewer' },
      },
    ],
    nextCursor: null,
  });
  const permissionApi = mockApis.permission({
    // The Labstage policy: unknown desktops.* basic permissions, such as
    // desktops.audit.read, are the admins' alone.
    authorize: request =>
      request.permission.name === 'desktops.audit.read' && !options.admin
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
  });
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
  const testDesktops = createFrontendModule({
    pluginId: 'desktops',
    extensions: [
      ApiBlueprint.make({
        params: define =>
          define({
            api: desktopsApiRef,
            deps: {},
            factory: () => ({ listAudit } as any),
          }),
      }),
    ],
  });
  const app = createApp({
    features: [accountsPlugin, desktopsPlugin, testApp, testDesktops],
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
  window.history.replaceState(null, '', path);
  render(app.createRoot());
  return { listAudit };
}

// A whole app per case, so slower than the default allows under load.
jest.setTimeout(30_000);

describe('Desktop audit log page', () => {
  it('is at /admin/desktop-audit for admins, beside the Admin page', async () => {
    const { listAudit } = renderAt('/admin/desktop-audit', { admin: true });
    expect(
      await screen.findByRole(
        'heading',
        { name: 'Desktop audit log' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('table', { name: 'Audit log' }),
    ).toHaveTextContent('Shared');
    expect(listAudit).toHaveBeenCalled();
  });

  it('is left out for everyone else, and reads nothing', async () => {
    const { listAudit } = renderAt('/admin/desktop-audit', { admin: false });
    // The path falls through to the accounts Admin page (which refuses
    // non-admins on its own).
    expect(
      await screen.findByRole(
        'heading',
        { name: 'Admin' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.queryByRole('heading', { name: 'Desktop audit log' }),
      ).toBeNull(),
    );
    expect(listAudit).not.toHaveBeenCalled();
  });
});
