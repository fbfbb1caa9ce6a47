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

/** The desktops plugin's admin pages, each with what it reads and shows. */
const PAGES = [
  {
    path: '/admin/desktop-audit',
    permission: 'desktops.audit.read',
    heading: 'Desktop audit log',
    api: () => ({
      listAudit: jest.fn().mockResolvedValue({
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
      }),
    }),
    shows: async () =>
      expect(
        await screen.findByRole('table', { name: 'Audit log' }),
      ).toHaveTextContent('Shared'),
  },
  {
    path: '/admin/capacity',
    permission: 'desktops.capacity.read',
    heading: 'Capacity',
    api: () => ({
      getCapacity: jest.fn().mockResolvedValue({
        source: 'docker',
        allocatable: { cpus: 2, memoryMiB: 4096 },
        inUse: { cpus: 0, memoryMiB: 0, desktops: 0 },
        perDesktop: { cpus: 1, memoryMiB: 2048 },
        fitsNow: 2,
        upcoming: [],
      }),
      getHourDefaults: jest
        .fn()
        .mockResolvedValue({ weeklyHours: null, classTimeCounts: false }),
    }),
    shows: async () =>
      expect(
        await screen.findByText('2 more desktops fit now'),
      ).toBeInTheDocument(),
  },
];

/**
 * An admin page as createApp builds the app, so its permission predicate
 * and its path below the accounts plugin's /admin page are resolved as in
 * production.
 */
function renderAt(page: (typeof PAGES)[number], options: { admin: boolean }) {
  const api = page.api();
  const testDesktops = createFrontendModule({
    pluginId: 'desktops',
    extensions: [
      ApiBlueprint.make({
        params: define =>
          define({
            api: desktopsApiRef,
            deps: {},
            factory: () => api as any,
          }),
      }),
    ],
  });
  renderCreatedApp({
    path: page.path,
    features: [accountsPlugin, desktopsPlugin, testDesktops],
    // The Labstage policy: unknown desktops.* basic permissions, such as
    // desktops.audit.read, are the admins' alone.
    authorize: request =>
      request.permission.name === page.permission && !options.admin
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
  });
  return Object.values(api) as jest.Mock[];
}

// A whole app per case, so slower than the default allows under load.
jest.setTimeout(30_000);

describe.each(PAGES)('Desktops admin page $path', page => {
  it('is there for admins, beside the Admin page', async () => {
    const reads = renderAt(page, { admin: true });
    expect(
      await screen.findByRole(
        'heading',
        { name: page.heading },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    await page.shows();
    for (const read of reads) expect(read).toHaveBeenCalled();
  });

  it('is left out for everyone else, and reads nothing', async () => {
    const reads = renderAt(page, { admin: false });
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
      expect(screen.queryByRole('heading', { name: page.heading })).toBeNull(),
    );
    for (const read of reads) expect(read).not.toHaveBeenCalled();
  });
});
