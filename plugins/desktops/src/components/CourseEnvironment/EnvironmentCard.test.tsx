import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { CourseEnvironment } from '@internal/backstage-plugin-desktops-common';
import { desktopsApiRef } from '../../api/DesktopsClient';
import { aDesktop } from '../../__testUtils__/desktopFixture';
import { desktopRouteRef, rootRouteRef } from '../../routes';
import { EnvironmentCard } from './EnvironmentCard';

const environment: CourseEnvironment = {
  courseId: 'c1',
  version: 2,
  imageId: 'img-2',
  imageRef: '127.0.0.1:5000/personal/teacher/cs101:v2',
  description: 'Week 2 tools',
  resources: { cpus: 1, memoryMiB: 2048, pids: 512 },
  publishedBy: 'user:default/teacher',
  publishedAt: '2026-01-01T10:00:00.000Z',
};

function fakeApi<T extends Record<string, unknown>>(overrides: T) {
  return {
    listDesktops: jest.fn().mockResolvedValue({
      items: [],
      quota: { maxRunning: 2, running: 0 },
    }),
    ...overrides,
  };
}

async function renderCard(api: object, canManage = false) {
  await renderInTestApp(
    <EnvironmentCard
      courseId="c1"
      courseCode="CS101"
      canManage={canManage}
      isStudent={!canManage}
    />,
    {
      mountedRoutes: {
        '/desktops': rootRouteRef,
        '/desktops/:desktopId': desktopRouteRef,
      },
      apis: [[desktopsApiRef, api as any]],
    },
  );
}

describe('EnvironmentCard', () => {
  it('says when nothing is published, in words for students and for instructors', async () => {
    const api = fakeApi({
      getCourseEnvironment: jest
        .fn()
        .mockResolvedValue({ environment: null, desktop: null }),
    });
    await renderCard(api);
    expect(
      await screen.findByText(/has not published an environment/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Launch/ })).toBeNull();
  });

  it('launches the course environment on the first click', async () => {
    const launched = aDesktop({
      id: 'new1',
      courseId: 'c1',
      environmentVersion: 2,
      state: 'pending',
    });
    const api = fakeApi({
      getCourseEnvironment: jest
        .fn()
        .mockResolvedValue({ environment, desktop: null }),
      launchCourseEnvironment: jest.fn().mockResolvedValue(launched),
    });
    await renderCard(api);
    expect(await screen.findByText('Week 2 tools')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Launch' }));
    await waitFor(() =>
      expect(api.launchCourseEnvironment).toHaveBeenCalledWith('c1'),
    );
  });

  it('offers the newer version to an older desktop, and updates only after confirmation', async () => {
    const mine = aDesktop({
      id: 'd7',
      courseId: 'c1',
      environmentVersion: 1,
      state: 'stopped',
    });
    const api = fakeApi({
      listDesktops: jest.fn().mockResolvedValue({
        items: [mine],
        quota: { maxRunning: 2, running: 0 },
      }),
      getCourseEnvironment: jest
        .fn()
        .mockResolvedValue({ environment, desktop: mine }),
      updateEnvironment: jest
        .fn()
        .mockResolvedValue({ ...mine, environmentVersion: 2 }),
    });
    await renderCard(api);
    expect(
      await screen.findByText(/A newer environment is available \(version 2\)/),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Resume' })).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Update' }));
    expect(
      await screen.findByText(/Your home folder is kept/),
    ).toBeInTheDocument();
    expect(api.updateEnvironment).not.toHaveBeenCalled();
    const dialog = screen.getByRole('dialog');
    fireEvent.click(
      Array.from(dialog.querySelectorAll('button')).find(
        b => b.textContent === 'Update',
      )!,
    );
    await waitFor(() =>
      expect(api.updateEnvironment).toHaveBeenCalledWith('d7'),
    );
  });

  it('shows why a launch was refused', async () => {
    const api = fakeApi({
      getCourseEnvironment: jest
        .fn()
        .mockResolvedValue({ environment, desktop: null }),
      launchCourseEnvironment: jest
        .fn()
        .mockRejectedValue(
          new Error('You already have 2 desktops running (your limit is 2).'),
        ),
    });
    await renderCard(api);
    fireEvent.click(await screen.findByRole('button', { name: 'Launch' }));
    expect(
      await screen.findByText(/You already have 2 desktops running/),
    ).toBeInTheDocument();
  });
});
