import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { desktopsApiRef } from '../../api/DesktopsClient';
import { desktopRouteRef, rootRouteRef } from '../../routes';
import { aSessionNow } from '../../__testUtils__/sessionFixtures';
import { MyDesktopsCard } from './MyDesktopsCard';

const base = {
  owner: 'user:default/alice',
  imageId: 'linux',
  imageRef: 'labstage/desktop:latest',
  imageTitle: 'Linux basics',
  courseId: null,
  stateReason: null,
  resources: { cpus: 1, memoryMiB: 1024, pids: 256 },
  createdAt: '2026-01-01T10:00:00Z',
  updatedAt: '2026-01-01T10:00:00Z',
  startedAt: null,
  lastActiveAt: null,
};

describe('MyDesktopsCard', () => {
  it('shows how many desktops run and links each to its viewer', async () => {
    const api = {
      listDesktops: jest.fn().mockResolvedValue({
        items: [
          { ...base, id: 'a1', name: 'Project', state: 'running' },
          { ...base, id: 'b2', name: 'Homework', state: 'stopped' },
        ],
        quota: { maxRunning: 2, running: 1 },
      }),
    };
    await renderInTestApp(<MyDesktopsCard />, {
      mountedRoutes: {
        '/desktops': rootRouteRef,
        '/desktops/:desktopId': desktopRouteRef,
      },
      apis: [[desktopsApiRef, api as any]],
    });
    expect(await screen.findByText('1 of 2 running')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Project/ })).toHaveAttribute(
      'href',
      '/desktops/a1',
    );
    expect(screen.getByRole('link', { name: /Homework/ })).toHaveAttribute(
      'href',
      '/desktops/b2',
    );
    expect(screen.getByText('All my desktops')).toBeInTheDocument();
  });

  it("says when a course desktop's class is about to start, with Open", async () => {
    const api = {
      listDesktops: jest.fn().mockResolvedValue({
        items: [
          {
            ...base,
            id: 'cs1',
            name: 'CS101',
            courseId: 'c1',
            state: 'running',
          },
          { ...base, id: 'b2', name: 'Homework', state: 'stopped' },
        ],
        quota: { maxRunning: 2, running: 1 },
      }),
      getSessionNow: jest
        .fn()
        .mockResolvedValue(
          aSessionNow({ desktop: { id: 'cs1', state: 'running' } }),
        ),
      listSessions: jest
        .fn()
        .mockResolvedValue({ items: [], timeZone: 'Europe/Berlin' }),
    };
    await renderInTestApp(<MyDesktopsCard />, {
      mountedRoutes: {
        '/desktops': rootRouteRef,
        '/desktops/:desktopId': desktopRouteRef,
      },
      apis: [[desktopsApiRef, api as any]],
    });
    const card = await screen.findByRole('region', {
      name: 'Class session CS101',
    });
    expect(card).toHaveTextContent(
      'CS101 — Class starts at 9:00: your desktop is ready',
    );
    expect(within(card).getByRole('button', { name: 'Open' })).toHaveAttribute(
      'href',
      '/desktops/cs1',
    );
    expect(api.getSessionNow).toHaveBeenCalledTimes(1);
    expect(api.getSessionNow).toHaveBeenCalledWith('c1');
  });
});
