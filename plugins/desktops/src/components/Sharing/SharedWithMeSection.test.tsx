import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SharedDesktop } from '@internal/backstage-plugin-desktops-common';
import { LabstageApiError } from '@internal/backstage-plugin-labstage-react';
import { aDesktop } from '../../__testUtils__/desktopFixture';
import { renderWithDesktopsApi } from '../../__testUtils__/renderWithDesktopsApi';
import { SharedWithMeSection } from './SharedWithMeSection';

function shared(overrides: Partial<SharedDesktop>): SharedDesktop {
  return {
    ...aDesktop({ owner: 'user:default/alice' }),
    role: 'viewer',
    ownerName: 'Alice Adams',
    ...overrides,
  };
}

async function render(api: object) {
  await renderWithDesktopsApi(<SharedWithMeSection />, api);
}

describe('SharedWithMeSection', () => {
  it('lists desktops shared with me, with owner and role, and opens running ones', async () => {
    const api = {
      listSharedWithMe: jest.fn().mockResolvedValue([
        shared({ id: 'd1', name: 'Homework', role: 'viewer' }),
        shared({
          id: 'd2',
          name: 'Project',
          role: 'controller',
          ownerName: 'Carol Chen',
        }),
        shared({ id: 'd3', name: 'Old lab', state: 'stopped' }),
      ]),
    };
    await render(api);
    const homework = await screen.findByRole('region', { name: 'Homework' });
    expect(homework).toHaveTextContent('Owner: Alice Adams');
    expect(homework).toHaveTextContent('Can watch');
    expect(homework).toHaveTextContent('Opens to watch.');
    expect(
      within(homework).getByRole('button', { name: /Open/ }),
    ).toHaveAttribute('href', '/desktops/d1');

    const project = screen.getByRole('region', { name: 'Project' });
    expect(project).toHaveTextContent('Owner: Carol Chen');
    expect(project).toHaveTextContent('Can ask for control');
    expect(project).toHaveTextContent('ask for control from the viewer');

    const old = screen.getByRole('region', { name: 'Old lab' });
    expect(old).toHaveTextContent(
      'Not running. Alice Adams has to start it before you can open it.',
    );
    expect(within(old).queryByRole('button', { name: /Open/ })).toBeNull();
  });

  it('says when nothing is shared, and shows a failure with a retry', async () => {
    const api = {
      listSharedWithMe: jest
        .fn()
        .mockRejectedValueOnce(
          new LabstageApiError('The server had a problem.', 500),
        )
        .mockResolvedValue([]),
    };
    await render(api);
    expect(
      await screen.findByText(/Could not load the desktops shared with you/),
    ).toHaveTextContent('The server had a problem.');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByText(/Nobody has shared a desktop with you yet/),
    ).toBeInTheDocument();
  });
});
