import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  AccountsApi,
  accountsApiRef,
} from '@internal/backstage-plugin-accounts-react';
import { LabstageApiError } from '@internal/backstage-plugin-labstage-react';
import { deletionPreview, testUser } from '../../testing/fixtures';
import { mockAccountsApi } from '../../testing/mockAccountsApi';
import { DeleteUserDialog } from './DeleteUserDialog';

const bob = testUser('bob', { displayName: 'Bob Lee' });

function serverError(status: number, message: string) {
  return new LabstageApiError(message, status, { serverMessage: message });
}

describe('DeleteUserDialog', () => {
  const render = async (api: AccountsApi) => {
    const handlers = {
      onClose: jest.fn(),
      onDeleted: jest.fn(),
      onAttemptFailed: jest.fn(),
    };
    // The preview loads as the dialog mounts; let it settle inside act.
    await act(async () => {
      await renderInTestApp(<DeleteUserDialog user={bob} {...handlers} />, {
        apis: [[accountsApiRef, api]],
      });
    });
    return handlers;
  };
  const deleteButton = () =>
    screen.getByRole('button', { name: 'Delete account' });

  it('says what goes and what stays, and deletes once the username is typed', async () => {
    const api = mockAccountsApi({
      getDeletionPreview: jest.fn().mockResolvedValue(deletionPreview()),
      deleteUser: jest.fn().mockResolvedValue(undefined),
    });
    const handlers = await render(api);

    expect(
      await screen.findByText(
        'Deleting Bob Lee (bob) removes 2 desktops and their home folders and 1 course enrolment.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        "Their 5 posts and 12 comments stay, shown as written by 'deleted user'.",
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('This cannot be undone.')).toBeInTheDocument();
    expect(api.getDeletionPreview).toHaveBeenCalledWith('bob');

    expect(deleteButton()).toBeDisabled();
    const confirm = screen.getByLabelText('Type bob to confirm');
    await userEvent.type(confirm, 'bo');
    expect(deleteButton()).toBeDisabled();
    await userEvent.type(confirm, 'b');
    expect(deleteButton()).toBeEnabled();

    await userEvent.click(deleteButton());
    await waitFor(() => expect(handlers.onDeleted).toHaveBeenCalled());
    expect(api.deleteUser).toHaveBeenCalledWith('bob');
    expect(handlers.onAttemptFailed).not.toHaveBeenCalled();
  });

  it('shows progress while the preview loads', async () => {
    const api = mockAccountsApi({
      getDeletionPreview: jest.fn(() => new Promise<never>(() => {})),
    });
    await render(api);
    expect(
      await screen.findByText('Checking what would be deleted…'),
    ).toBeInTheDocument();
    expect(deleteButton()).toBeDisabled();
  });

  it('lists the courses that block deletion and offers no way to confirm', async () => {
    const api = mockAccountsApi({
      getDeletionPreview: jest.fn().mockResolvedValue(
        deletionPreview({
          soleInstructorOf: [
            { courseId: 'c1', code: 'NET101', title: 'Networks' },
          ],
          blockedBecause:
            'bob is the only instructor of NET101 (Networks); add another instructor or archive the course first',
        }),
      ),
    });
    await render(api);
    expect(await screen.findByText('NET101 — Networks')).toBeInTheDocument();
    expect(screen.getByText(/the only instructor of:/)).toHaveTextContent(
      'Bob Lee is the only instructor of:',
    );
    expect(
      screen.getByText(/Add another instructor or archive/),
    ).toHaveTextContent('Add another instructor or archive the course first.');
    expect(screen.queryByLabelText('Type bob to confirm')).toBeNull();
    expect(deleteButton()).toBeDisabled();
  });

  it("shows the server's other reasons for refusing", async () => {
    const api = mockAccountsApi({
      getDeletionPreview: jest.fn().mockResolvedValue(
        deletionPreview({
          blockedBecause:
            'bob is the last enabled admin; promote another admin first',
        }),
      ),
    });
    await render(api);
    expect(
      await screen.findByText(
        'bob is the last enabled admin; promote another admin first',
      ),
    ).toBeInTheDocument();
    expect(deleteButton()).toBeDisabled();
  });

  it('offers a retry when the preview fails', async () => {
    const api = mockAccountsApi({
      getDeletionPreview: jest
        .fn()
        .mockRejectedValueOnce(
          new LabstageApiError(
            'The server had a problem. Please try again.',
            500,
          ),
        )
        .mockResolvedValueOnce(deletionPreview()),
    });
    await render(api);
    expect(
      await screen.findByText(
        'Could not check what would be deleted: The server had a problem. Please try again.',
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByText(/^Deleting Bob Lee \(bob\) removes/),
    ).toBeInTheDocument();
    expect(api.getDeletionPreview).toHaveBeenCalledTimes(2);
  });

  it("keeps the dialog open with the server's message when deletion is refused", async () => {
    const message =
      'bob became the only instructor of NET101 (Networks); add another instructor or archive the course first';
    const api = mockAccountsApi({
      getDeletionPreview: jest.fn().mockResolvedValue(deletionPreview()),
      deleteUser: jest.fn().mockRejectedValue(serverError(409, message)),
    });
    const handlers = await render(api);
    await userEvent.type(
      await screen.findByLabelText('Type bob to confirm'),
      'bob',
    );
    await userEvent.click(deleteButton());

    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    expect(handlers.onDeleted).not.toHaveBeenCalled();
    expect(handlers.onClose).not.toHaveBeenCalled();
    expect(handlers.onAttemptFailed).toHaveBeenCalled();
    // The preview is checked again, since something changed.
    await waitFor(() =>
      expect(api.getDeletionPreview).toHaveBeenCalledTimes(2),
    );
  });

  it('explains a partial deletion and lets the admin try again', async () => {
    const message =
      "The desktops service could not remove this account's desktops; the account is disabled, and deleting it again is safe once the service is back";
    const api = mockAccountsApi({
      getDeletionPreview: jest.fn().mockResolvedValue(deletionPreview()),
      deleteUser: jest
        .fn()
        .mockRejectedValueOnce(serverError(502, message))
        .mockResolvedValueOnce(undefined),
    });
    const handlers = await render(api);
    await userEvent.type(
      await screen.findByLabelText('Type bob to confirm'),
      'bob',
    );
    await userEvent.click(deleteButton());
    expect(
      await screen.findByText('Not everything could be removed'),
    ).toBeInTheDocument();
    expect(screen.getByText(message)).toBeInTheDocument();
    expect(handlers.onAttemptFailed).toHaveBeenCalled();

    await userEvent.click(deleteButton());
    await waitFor(() => expect(handlers.onDeleted).toHaveBeenCalled());
    expect(api.deleteUser).toHaveBeenCalledTimes(2);
  });
});
