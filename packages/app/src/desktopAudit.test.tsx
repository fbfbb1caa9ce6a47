import { screen, waitFor } from '@testing-library/react';
import {
  ApiBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import accountsPlugin from '@internal/backstage-plugin-accounts';
import desktopsPlugin, {
  desktopsApiRef,
} from '@internal/backstage-plugin-desktops';
import { renderCreatedApp } from './__testUtils__/renderCreatedApp';

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
  renderCreatedApp({
    path,
    features: [accountsPlugin, desktopsPlugin, testDesktops],
    // The Labstage policy: unknown desktops.* basic permissions, such as
    // desktops.audit.read, are the admins' alone.
    authorize: request =>
      request.permission.name === 'desktops.audit.read' && !options.admin
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
  });
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
