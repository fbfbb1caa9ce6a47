import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import type {
  Desktop,
  DesktopImage,
  DesktopSignal,
} from '@internal/backstage-plugin-desktops-common';
import { DateTime } from 'luxon';
import { DesktopsClient, desktopsApiRef } from '../../api/DesktopsClient';
import { aSave } from '../../__testUtils__/imageFixtures';
import { desktopRouteRef, rootRouteRef } from '../../routes';
import { DesktopsPage } from './DesktopsPage';

const resources = { cpus: 2, memoryMiB: 2048, pids: 512 };

function desktop(id: string, name: string, extra: Partial<Desktop> = {}) {
  const hourAgo = DateTime.now().minus({ hours: 1 }).toISO()!;
  return {
    id,
    name,
    owner: 'user:default/alice',
    imageId: 'linux',
    imageRef: 'labstage/desktop:latest',
    imageTitle: 'Linux basics',
    courseId: null,
    state: 'stopped',
    stateReason: null,
    resources,
    createdAt: hourAgo,
    updatedAt: hourAgo,
    startedAt: null,
    lastActiveAt: hourAgo,
    ...extra,
  } as Desktop;
}

const images: DesktopImage[] = [
  {
    id: 'linux',
    title: 'Linux basics',
    description: 'A terminal and a text editor.',
    image: 'labstage/desktop:latest',
    resources,
  },
];

const routes = {
  mountedRoutes: {
    '/desktops': rootRouteRef,
    '/desktops/:desktopId': desktopRouteRef,
  },
};

function fakeApi(items: Desktop[], overrides: object = {}) {
  return {
    listImages: jest.fn().mockResolvedValue(images),
    listDesktops: jest
      .fn()
      .mockResolvedValue({ items, quota: { maxRunning: 2, running: 0 } }),
    createDesktop: jest.fn(),
    startDesktop: jest.fn(),
    stopDesktop: jest.fn(),
    renameDesktop: jest.fn(),
    deleteDesktop: jest.fn().mockResolvedValue(undefined),
    listSavedImages: jest.fn().mockResolvedValue({ items: [], saves: [] }),
    saveImage: jest.fn(),
    getSave: jest.fn(),
    listSharedWithMe: jest.fn().mockResolvedValue([]),
    listShares: jest.fn().mockResolvedValue([]),
    listShareCandidates: jest.fn().mockResolvedValue([]),
    listVisitors: jest.fn().mockResolvedValue({ items: [], nextCursor: null }),
    getPresence: jest.fn(async (id: string) => ({
      desktopId: id,
      owner: 'user:default/alice',
      people: [],
      control: null,
      requests: [],
    })),
    ...overrides,
  };
}

describe('DesktopsPage', () => {
  it('shows a card per desktop with its state, image, resources and actions', async () => {
    const api = fakeApi([
      desktop('run1', 'Lab running', {
        state: 'running',
        lastActiveAt: DateTime.now().minus({ minutes: 5 }).toISO()!,
      }),
      desktop('sta1', 'Lab starting', { state: 'starting' }),
      desktop('stp1', 'Lab stopped'),
      desktop('hrs1', 'Lab out of hours', {
        stateReason:
          'Your 20 weekly desktop hours for CS101 are used up (home kept). Ask your instructor for extra hours.',
      }),
      desktop('err1', 'Lab broken', {
        state: 'error',
        stateReason: 'The container exited unexpectedly',
      }),
    ]);
    await renderInTestApp(<DesktopsPage />, {
      ...routes,
      apis: [[desktopsApiRef, api as any]],
    });

    const running = await screen.findByRole('region', { name: 'Lab running' });
    expect(within(running).getByText('Running')).toBeInTheDocument();
    expect(within(running).getByText('Linux basics')).toBeInTheDocument();
    expect(
      within(running).getByText('2 CPUs · 2 GiB memory'),
    ).toBeInTheDocument();
    expect(within(running).getByText('5 minutes ago')).toBeInTheDocument();
    expect(
      within(running).getByRole('button', { name: /Open/ }),
    ).toHaveAttribute('href', '/desktops/run1');
    expect(within(running).getByRole('button', { name: /Stop/ })).toBeEnabled();

    const starting = screen.getByRole('region', { name: 'Lab starting' });
    expect(within(starting).getByText('Starting')).toBeInTheDocument();
    expect(
      within(starting).getByRole('progressbar', { hidden: true }),
    ).toBeInTheDocument();

    const stopped = screen.getByRole('region', { name: 'Lab stopped' });
    expect(within(stopped).getByText('Stopped')).toBeInTheDocument();
    expect(
      within(stopped).getByRole('button', { name: /Start/ }),
    ).toBeEnabled();
    expect(within(stopped).queryByRole('button', { name: /Open/ })).toBeNull();
    expect(within(stopped).queryByTestId('stop-reason')).toBeNull();
    // A desktop stopped by Labstage says why.
    const outOfHours = screen.getByRole('region', { name: 'Lab out of hours' });
    expect(within(outOfHours).getByTestId('stop-reason')).toHaveTextContent(
      'Your 20 weekly desktop hours for CS101 are used up (home kept).',
    );

    const broken = screen.getByRole('region', { name: 'Lab broken' });
    expect(within(broken).getByText('Error')).toBeInTheDocument();
    expect(
      within(broken).getByText('The container exited unexpectedly'),
    ).toBeInTheDocument();

    // running + starting count against the quota.
    expect(screen.getByTestId('desktop-quota')).toHaveTextContent(
      '2 of 2 running',
    );
    // The image catalog loads on its own request.
    expect(
      await screen.findByRole('button', { name: 'Launch Linux basics' }),
    ).toBeInTheDocument();

    // Stop needs no confirmation: the home folder is kept.
    api.stopDesktop.mockResolvedValue(
      desktop('run1', 'Lab running', {
        state: 'stopping',
        updatedAt: DateTime.now().toISO()!,
      }),
    );
    await userEvent.click(
      within(running).getByRole('button', { name: /Stop/ }),
    );
    expect(api.stopDesktop).toHaveBeenCalledWith('run1');
    expect(await within(running).findByText('Stopping')).toBeInTheDocument();
  });

  it('deletes only after the user confirms that the home folder goes too', async () => {
    const api = fakeApi([desktop('d1', 'Homework'), desktop('d2', 'Project')]);
    await renderInTestApp(<DesktopsPage />, {
      ...routes,
      apis: [[desktopsApiRef, api as any]],
    });

    await userEvent.click(
      await screen.findByRole('button', { name: 'More actions for Homework' }),
    );
    await userEvent.click(screen.getByRole('menuitem', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('Delete “Homework”?');
    expect(dialog).toHaveTextContent(
      'Its home directory will be deleted with every file in it',
    );
    expect(api.deleteDesktop).not.toHaveBeenCalled();

    // Cancel leaves everything alone.
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.deleteDesktop).not.toHaveBeenCalled();

    await userEvent.click(
      screen.getByRole('button', { name: 'More actions for Homework' }),
    );
    await userEvent.click(screen.getByRole('menuitem', { name: 'Delete' }));
    await userEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Delete desktop',
      }),
    );
    expect(api.deleteDesktop).toHaveBeenCalledTimes(1);
    expect(api.deleteDesktop).toHaveBeenCalledWith('d1');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: 'Homework' })).toBeNull(),
    );
    expect(screen.getByRole('region', { name: 'Project' })).toBeInTheDocument();
  });

  it("shows the server's quota message when a launch is refused", async () => {
    const quotaMessage =
      'You already have 2 desktops running (your limit is 2). Stop one to launch another.';
    const running = [
      desktop('a', 'One', { state: 'running' }),
      desktop('b', 'Two', { state: 'running' }),
    ];
    // The real client against a fake server, so the Backstage error body is
    // parsed the way it is in the app.
    const requests: string[] = [];
    const fetchApi = {
      fetch: jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = String(input);
        const method = init?.method ?? 'GET';
        const path = url.replace('http://backend/api/desktops', '');
        requests.push(`${method} ${path}`);
        const json = (status: number, body: unknown) =>
          new Response(JSON.stringify(body), {
            status,
            headers: { 'Content-Type': 'application/json' },
          });
        if (method === 'GET' && path === '/images') {
          return json(200, { items: images });
        }
        if (method === 'GET' && path === '/desktops') {
          return json(200, {
            items: running,
            quota: { maxRunning: 2, running: 2 },
          });
        }
        if (method === 'GET' && path === '/saved-images') {
          return json(200, { items: [], saves: [] });
        }
        if (method === 'GET' && path === '/desktops/shared-with-me') {
          return json(200, { items: [] });
        }
        if (method === 'GET' && /^\/desktops\/\w+\/presence$/.test(path)) {
          return json(200, {
            desktopId: path.split('/')[2],
            owner: 'user:default/alice',
            people: [],
            control: null,
            requests: [],
          });
        }
        if (method === 'POST' && path === '/desktops') {
          return json(409, {
            error: { name: 'ConflictError', message: quotaMessage },
            request: { method: 'POST', url: '/api/desktops/desktops' },
            response: { statusCode: 409 },
          });
        }
        return json(404, { error: { name: 'NotFoundError', message: path } });
      }),
    };
    const client = new DesktopsClient({
      discoveryApi: {
        getBaseUrl: async (id: string) => `http://backend/api/${id}`,
      },
      fetchApi,
      identityApi: mockApis.identity(),
    });
    await renderInTestApp(<DesktopsPage />, {
      ...routes,
      apis: [[desktopsApiRef, client]],
    });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Launch Linux basics' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(quotaMessage);
    expect(requests).toContain('POST /desktops');
    expect(
      JSON.parse(fetchApi.fetch.mock.calls.at(-1)![1]!.body as string),
    ).toEqual({ imageId: 'linux' });
    expect(screen.getByTestId('desktop-quota')).toHaveTextContent(
      '2 of 2 running',
    );
  });

  it('explains what to do when there are no desktops yet', async () => {
    const api = fakeApi([]);
    await renderInTestApp(<DesktopsPage />, {
      ...routes,
      apis: [[desktopsApiRef, api as any]],
    });
    expect(await screen.findByText('No desktops yet')).toBeInTheDocument();
    expect(screen.getByTestId('desktop-quota')).toHaveTextContent(
      '0 of 2 running',
    );
    // The image catalog loads on its own request.
    expect(
      await screen.findByRole('button', { name: 'Launch Linux basics' }),
    ).toBeInTheDocument();
  });

  it('follows state changes from the signals channel without reloading', async () => {
    const listeners: Array<{
      channel: string;
      onMessage: (m: DesktopSignal) => void;
    }> = [];
    const signalApi = {
      subscribe: (channel: string, onMessage: (m: any) => void) => {
        listeners.push({ channel, onMessage });
        return { unsubscribe: () => {} };
      },
    };
    const api = fakeApi([
      desktop('d1', 'Homework', { state: 'starting' }),
      desktop('d2', 'Old one'),
    ]);
    await renderInTestApp(<DesktopsPage />, {
      ...routes,
      apis: [
        [desktopsApiRef, api as any],
        [signalApiRef, signalApi as any],
        mockApis.identity({ userEntityRef: 'user:default/alice' }),
      ],
    });
    const card = await screen.findByRole('region', { name: 'Homework' });
    expect(within(card).getByText('Starting')).toBeInTheDocument();
    // My images listens on its own channel.
    await waitFor(() =>
      expect(listeners.map(l => l.channel).sort()).toEqual([
        'desktop-images:user:default/alice',
        'desktops:user:default/alice',
      ]),
    );
    const desktopsListener = listeners.find(
      l => l.channel === 'desktops:user:default/alice',
    )!;

    act(() =>
      desktopsListener.onMessage({
        type: 'desktop-changed',
        desktop: desktop('d1', 'Homework', {
          state: 'running',
          updatedAt: DateTime.now().toISO()!,
        }),
      }),
    );
    expect(await within(card).findByText('Running')).toBeInTheDocument();
    expect(within(card).getByRole('button', { name: /Open/ })).toHaveAttribute(
      'href',
      '/desktops/d1',
    );

    act(() =>
      desktopsListener.onMessage({ type: 'desktop-deleted', id: 'd2' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: 'Old one' })).toBeNull(),
    );
    expect(api.listDesktops).toHaveBeenCalledTimes(1);
  });

  it('renames with the name rules the server uses', async () => {
    const api = fakeApi([desktop('d1', 'Homework')], {
      renameDesktop: jest.fn(async (_id: string, name: string) =>
        desktop('d1', name, { updatedAt: DateTime.now().toISO()! }),
      ),
    });
    await renderInTestApp(<DesktopsPage />, {
      ...routes,
      apis: [[desktopsApiRef, api as any]],
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'More actions for Homework' }),
    );
    await userEvent.click(screen.getByRole('menuitem', { name: 'Rename' }));
    const input = screen.getByLabelText('Name');
    await userEvent.clear(input);
    await userEvent.type(input, '   ');
    await userEvent.click(screen.getByRole('button', { name: 'Rename' }));
    expect(screen.getByText('Give the desktop a name')).toBeInTheDocument();
    expect(api.renameDesktop).not.toHaveBeenCalled();

    await userEvent.clear(input);
    await userEvent.type(input, 'Final project');
    await userEvent.click(screen.getByRole('button', { name: 'Rename' }));
    expect(api.renameDesktop).toHaveBeenCalledWith('d1', 'Final project');
    expect(
      await screen.findByRole('region', { name: 'Final project' }),
    ).toBeInTheDocument();
  });

  it('saves a desktop as an image from its menu, and lists the save in My images', async () => {
    const save = aSave({ desktopId: 'd1' });
    const api = fakeApi(
      [
        desktop('d1', 'Python Lab', { state: 'running' }),
        desktop('d2', 'Starting one', { state: 'starting' }),
      ],
      {
        saveImage: jest.fn().mockResolvedValue(save),
        getSave: jest.fn().mockResolvedValue(save),
      },
    );
    await renderInTestApp(<DesktopsPage />, {
      ...routes,
      apis: [[desktopsApiRef, api as any]],
    });
    expect(await screen.findByText('No saved images yet')).toBeInTheDocument();

    // Only running or stopped desktops can be saved.
    await userEvent.click(
      screen.getByRole('button', { name: 'More actions for Starting one' }),
    );
    expect(
      screen.queryByRole('menuitem', { name: 'Save as image' }),
    ).toBeNull();
    await userEvent.keyboard('{Escape}');

    await userEvent.click(
      screen.getByRole('button', { name: 'More actions for Python Lab' }),
    );
    await userEvent.click(
      screen.getByRole('menuitem', { name: 'Save as image' }),
    );
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByLabelText('Image name')).toHaveValue(
      'python-lab',
    );
    api.listSavedImages.mockResolvedValue({ items: [], saves: [save] });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Save image' }),
    );
    expect(api.saveImage).toHaveBeenCalledWith('d1', { name: 'python-lab' });
    expect(
      await within(dialog).findByText('python-lab:v2'),
    ).toBeInTheDocument();

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(
      await screen.findByRole('group', { name: 'Save of python-lab:v2' }),
    ).toHaveTextContent('Waiting to start');
  });

  it('opens the Share and Visitors dialogs from the card menu, and lists desktops shared with me', async () => {
    const api = fakeApi([desktop('d1', 'Homework', { state: 'running' })], {
      listSharedWithMe: jest.fn().mockResolvedValue([
        {
          ...desktop('b1', 'Bob’s lab', {
            state: 'running',
            owner: 'user:default/bob',
          }),
          role: 'controller',
          ownerName: 'Bob Brown',
        },
      ]),
    });
    await renderInTestApp(<DesktopsPage />, {
      ...routes,
      apis: [[desktopsApiRef, api as any]],
    });
    const shared = await screen.findByRole('region', { name: 'Bob’s lab' });
    expect(shared).toHaveTextContent('Owner: Bob Brown');
    expect(
      within(screen.getByRole('region', { name: 'Shared with me' })).getByRole(
        'region',
        { name: 'Bob’s lab' },
      ),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'More actions for Homework' }),
    );
    await userEvent.click(screen.getByRole('menuitem', { name: 'Share…' }));
    expect(
      await screen.findByText(
        'No classmates or instructors to share with yet.',
      ),
    ).toBeInTheDocument();
    expect(api.listShares).toHaveBeenCalledWith('d1');
    await userEvent.click(screen.getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    await userEvent.click(
      screen.getByRole('button', { name: 'More actions for Homework' }),
    );
    await userEvent.click(screen.getByRole('menuitem', { name: 'Visitors' }));
    expect(
      await screen.findByText('Nobody else has opened this desktop yet.'),
    ).toBeInTheDocument();
    expect(api.listVisitors).toHaveBeenCalledWith('d1', { limit: 50 });
  });
});
