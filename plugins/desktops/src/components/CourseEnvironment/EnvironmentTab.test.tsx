import { screen, within } from '@testing-library/react';
import type { CourseEnvironment } from '@internal/backstage-plugin-desktops-common';
import { aDesktop } from '../../__testUtils__/desktopFixture';
import { renderWithDesktopsApi } from '../../__testUtils__/renderWithDesktopsApi';
import { EnvironmentTab } from './EnvironmentTab';

const version = (n: number): CourseEnvironment => ({
  courseId: 'c1',
  version: n,
  imageId: `img-${n}`,
  imageRef: `127.0.0.1:5000/personal/teacher/cs101:v${n}`,
  description: `Week ${n} tools`,
  resources: { cpus: 1, memoryMiB: 2048, pids: 512 },
  publishedBy: 'user:default/teacher',
  publishedAt: '2026-01-01T10:00:00.000Z',
});

describe('EnvironmentTab', () => {
  it("lists the versions, newest marked current, and the students' desktops with the version each runs", async () => {
    const api = {
      listEnvironmentVersions: jest
        .fn()
        .mockResolvedValue([version(2), version(1)]),
      listCourseDesktops: jest.fn().mockResolvedValue([
        aDesktop({
          id: 'd1',
          owner: 'user:default/alice',
          environmentVersion: 1,
          lastActiveAt: null,
        }),
      ]),
      getCourseEnvironment: jest
        .fn()
        .mockResolvedValue({ environment: version(2), desktop: null }),
      listSavedImages: jest.fn().mockResolvedValue({ items: [], saves: [] }),
      listDesktops: jest.fn().mockResolvedValue({
        items: [],
        quota: { maxRunning: 2, running: 0 },
      }),
    };
    await renderWithDesktopsApi(
      <EnvironmentTab
        courseId="c1"
        courseCode="CS101"
        canManage
        isStudent={false}
      />,
      api,
    );

    const versions = await screen.findByRole('table', {
      name: 'Environment versions',
    });
    const versionRows = within(versions).getAllByRole('row');
    expect(
      within(versionRows[0])
        .getAllByRole('columnheader')
        .map(c => c.textContent),
    ).toEqual(['Version', 'Image', 'Resources', 'Published', 'Description']);
    expect(versionRows[1]).toHaveTextContent(/^2 \(current\)/);
    expect(versionRows[1]).toHaveTextContent('Week 2 tools');
    expect(versionRows[2]).toHaveTextContent(/^1127\.0\.0\.1/);

    await screen.findByRole('table', { name: "Students' desktops" });
    const [row] = screen.getAllByTestId('course-desktop-row');
    expect(row).toHaveTextContent('alice');
    expect(row).toHaveTextContent('1 (not updated)');
    expect(row).toHaveTextContent('never');
  });
});
