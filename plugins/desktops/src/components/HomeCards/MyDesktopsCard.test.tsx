import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { desktopsApiRef } from '../../api/DesktopsClient';
import { desktopRouteRef, rootRouteRef } from '../../routes';
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
});
