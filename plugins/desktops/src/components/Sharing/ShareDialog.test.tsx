import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { LabstageApiError } from '@internal/backstage-plugin-labstage-react';
import { desktopsApiRef } from '../../api/DesktopsClient';
import { aDesktop } from '../../__testUtils__/desktopFixture';
import { aCandidate, aShare } from '../../__testUtils__/collaborationFixtures';
import { ShareDialog } from './ShareDialog';

const desktop = aDesktop({ id: 'd1', name: 'Homework' });

function fakeApi(overrides: object = {}) {
  return {
    listShares: jest.fn().mockResolvedValue([]),
    listShareCandidates: jest.fn().mockResolvedValue([
      aCandidate(),
      aCandidate({
        userEntityRef: 'user:default/kim',
        displayName: 'Ms Kim',
        relation: 'instructor',
      }),
    ]),
    setShare: jest.fn(async (_id: string, grantee: string, role: string) =>
      aShare({
        grantee,
        granteeName: grantee.endsWith('kim') ? 'Ms Kim' : 'Bob Brown',
        role: role as any,
      }),
    ),
    revokeShare: jest.fn().mockResolvedValue(undefined),
    ...overrides,
  };
}

async function render(api: object) {
  const onClose = jest.fn();
  await renderInTestApp(<ShareDialog desktop={desktop} onClose={onClose} />, {
    apis: [[desktopsApiRef, api as any]],
  });
  return onClose;
}

/** Picks `option` in the MUI select labelled `label`. */
async function choose(label: RegExp | string, option: RegExp | string) {
  await userEvent.click(await screen.findByRole('button', { name: label }));
  await userEvent.click(await screen.findByRole('option', { name: option }));
}

describe('ShareDialog', () => {
  it('invites a classmate as viewer and an instructor as controller', async () => {
    const api = fakeApi();
    await render(api);
    const dialog = await screen.findByRole('dialog', {
      name: 'Share “Homework”',
    });
    expect(await within(dialog).findByText(/Only you\./)).toBeInTheDocument();

    // Nothing chosen: a clear message, no call.
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Invite' }),
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Choose whom to invite',
    );
    expect(api.setShare).not.toHaveBeenCalled();

    await choose(/^Person/, 'Bob Brown (classmate, CS101)');
    await userEvent.click(screen.getByRole('button', { name: 'Invite' }));
    expect(api.setShare).toHaveBeenCalledWith(
      'd1',
      'user:default/bob',
      'viewer',
    );
    const people = await screen.findByRole('list', {
      name: 'People with access',
    });
    expect(within(people).getByText('Bob Brown')).toBeInTheDocument();

    // Bob is no longer offered; Ms Kim is, with her relation.
    await userEvent.click(screen.getByRole('button', { name: /^Person/ }));
    expect(screen.queryByRole('option', { name: /Bob Brown/ })).toBeNull();
    await userEvent.click(
      screen.getByRole('option', { name: 'Ms Kim (instructor, CS101)' }),
    );
    await choose(/^Role(?! of)/, /Controller: can watch and ask for control/);
    await userEvent.click(screen.getByRole('button', { name: 'Invite' }));
    expect(api.setShare).toHaveBeenLastCalledWith(
      'd1',
      'user:default/kim',
      'controller',
    );
    expect(await within(people).findByText('Ms Kim')).toBeInTheDocument();
  });

  it("changes a person's role", async () => {
    const api = fakeApi({
      listShares: jest.fn().mockResolvedValue([aShare()]),
    });
    await render(api);
    await screen.findByRole('button', { name: 'Role of Bob Brown' });
    await choose('Role of Bob Brown', 'Controller');
    expect(api.setShare).toHaveBeenCalledWith(
      'd1',
      'user:default/bob',
      'controller',
    );
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Role of Bob Brown' }),
      ).toHaveTextContent('Controller'),
    );
  });

  it('revokes only after confirmation', async () => {
    const api = fakeApi({
      listShares: jest.fn().mockResolvedValue([aShare()]),
    });
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Revoke Bob Brown’s access' }),
    );
    const confirm = screen.getByRole('dialog', {
      name: 'Revoke Bob Brown’s access?',
    });
    expect(confirm).toHaveTextContent('the connection closes at once');
    await userEvent.click(
      within(confirm).getByRole('button', { name: 'Cancel' }),
    );
    expect(api.revokeShare).not.toHaveBeenCalled();

    // The Share dialog is usable again once the confirmation has gone.
    await userEvent.click(
      await screen.findByRole('button', { name: 'Revoke Bob Brown’s access' }),
    );
    await userEvent.click(
      within(
        screen.getByRole('dialog', { name: 'Revoke Bob Brown’s access?' }),
      ).getByRole('button', { name: 'Revoke access' }),
    );
    expect(api.revokeShare).toHaveBeenCalledWith('d1', 'user:default/bob');
    expect(await screen.findByText(/Only you\./)).toBeInTheDocument();
  });

  it('says when there is nobody to share with yet', async () => {
    const api = fakeApi({
      listShareCandidates: jest.fn().mockResolvedValue([]),
    });
    await render(api);
    expect(
      await screen.findByText(
        'No classmates or instructors to share with yet.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Invite' })).toBeNull();
  });

  it("shows the server's reason when loading or inviting fails, and retries", async () => {
    const api = fakeApi({
      listShares: jest
        .fn()
        .mockRejectedValueOnce(
          new LabstageApiError('The server had a problem.', 500),
        )
        .mockResolvedValue([]),
      setShare: jest
        .fn()
        .mockRejectedValue(
          new LabstageApiError('Bob Brown is not in a course with you', 409),
        ),
    });
    await render(api);
    expect(
      await screen.findByText(/Could not load who this desktop is shared with/),
    ).toHaveTextContent('The server had a problem.');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await choose(/^Person/, 'Bob Brown (classmate, CS101)');
    await userEvent.click(screen.getByRole('button', { name: 'Invite' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Bob Brown is not in a course with you',
    );
  });
});
