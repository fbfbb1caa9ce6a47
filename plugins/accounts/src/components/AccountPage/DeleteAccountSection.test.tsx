import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  AccountsApi,
  accountsApiRef,
} from '@internal/backstage-plugin-accounts-react';
import { LabstageApiError } from '@internal/backstage-plugin-labstage-react';
import { deletionPreview } from '../../testing/fixtures';
import { mockAccountsApi } from '../../testing/mockAccountsApi';
import { DeleteAccountSection } from './DeleteAccountSection';

const alice = deletionPreview({
  username: 'alice',
  displayName: 'Alice Ng',
  desktops: 1,
  enrolments: 2,
  posts: 3,
  comments: 0,
});

function serverError(
  status: number,
  message: string,
  retryAfterSeconds?: number,
) {
  return new LabstageApiError(message, status, {
    serverMessage: message,
    retryAfterSeconds,
  });
}

describe('DeleteAccountSection', () => {
  const render = async (api: AccountsApi) => {
    const identityApi = mockApis.identity.mock({
      signOut: jest.fn().mockResolvedValue(undefined),
    });
    await renderInTestApp(<DeleteAccountSection />, {
      apis: [[accountsApiRef, api], identityApi],
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Delete my account…' }),
    );
    return identityApi;
  };
  const submitButton = () =>
    screen.getByRole('button', { name: 'Delete my account' });
  const fillIn = async (password: string, typed = 'alice') => {
    await userEvent.type(await screen.findByLabelText('Password'), password);
    await userEvent.type(screen.getByLabelText('Type alice to confirm'), typed);
  };

  it('loads the preview only when asked, and speaks to the user', async () => {
    const api = mockAccountsApi({
      getOwnDeletionPreview: jest.fn().mockResolvedValue(alice),
    });
    expect(api.getOwnDeletionPreview).not.toHaveBeenCalled();
    await render(api);
    expect(
      await screen.findByText(
        'Deleting your account removes your 1 desktop and its home folder and your 2 course enrolments.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        "Your 3 posts stay, shown as written by 'deleted user'.",
      ),
    ).toBeInTheDocument();
  });

  it('needs the password and the typed username, then signs out', async () => {
    const api = mockAccountsApi({
      getOwnDeletionPreview: jest.fn().mockResolvedValue(alice),
      deleteOwnAccount: jest.fn().mockResolvedValue(undefined),
    });
    const identityApi = await render(api);
    await screen.findByLabelText('Password');
    expect(submitButton()).toBeDisabled();

    await fillIn('my-password', 'alic');
    expect(submitButton()).toBeDisabled();
    await userEvent.type(screen.getByLabelText('Type alice to confirm'), 'e');
    expect(submitButton()).toBeEnabled();

    await userEvent.click(submitButton());
    await waitFor(() => expect(identityApi.signOut).toHaveBeenCalled());
    expect(api.deleteOwnAccount).toHaveBeenCalledWith({
      password: 'my-password',
    });
    expect(
      await screen.findByText(
        'Your account has been deleted. Signing you out…',
      ),
    ).toBeInTheDocument();
  });

  it('marks a wrong password and stays signed in', async () => {
    const api = mockAccountsApi({
      getOwnDeletionPreview: jest.fn().mockResolvedValue(alice),
      deleteOwnAccount: jest
        .fn()
        .mockRejectedValue(serverError(401, 'Incorrect password')),
    });
    const identityApi = await render(api);
    await fillIn('wrong-password');
    await userEvent.click(submitButton());
    expect(
      await screen.findByText('Password is incorrect'),
    ).toBeInTheDocument();
    expect(identityApi.signOut).not.toHaveBeenCalled();
    expect(submitButton()).toBeEnabled();
  });

  it('says how long to wait after too many attempts', async () => {
    const api = mockAccountsApi({
      getOwnDeletionPreview: jest.fn().mockResolvedValue(alice),
      deleteOwnAccount: jest
        .fn()
        .mockRejectedValue(serverError(429, 'Too many attempts.', 120)),
    });
    await render(api);
    await fillIn('my-password');
    await userEvent.click(submitButton());
    expect(
      await screen.findByText('Too many attempts. Try again in 2 minutes.'),
    ).toBeInTheDocument();
  });

  it('explains why it is blocked and asks for nothing', async () => {
    const api = mockAccountsApi({
      getOwnDeletionPreview: jest.fn().mockResolvedValue({
        ...alice,
        soleInstructorOf: [
          { courseId: 'c1', code: 'NET101', title: 'Networks' },
          { courseId: 'c2', code: 'SEC200', title: 'Security' },
        ],
        blockedBecause: 'alice is the only instructor of NET101, SEC200',
      }),
    });
    await render(api);
    expect(await screen.findByText('SEC200 — Security')).toBeInTheDocument();
    expect(screen.getByText(/the only instructor of:/)).toHaveTextContent(
      'You are the only instructor of:',
    );
    expect(screen.queryByLabelText('Password')).toBeNull();
    expect(submitButton()).toBeDisabled();
  });

  it('tells the user when deletion stopped half way, and lets them sign out', async () => {
    const api = mockAccountsApi({
      getOwnDeletionPreview: jest.fn().mockResolvedValue(alice),
      deleteOwnAccount: jest
        .fn()
        .mockRejectedValue(
          serverError(
            502,
            "The desktops service could not remove this account's desktops",
          ),
        ),
    });
    const identityApi = await render(api);
    await fillIn('my-password');
    await userEvent.click(submitButton());
    expect(
      await screen.findByText(
        'Your account is disabled, but not everything could be removed',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText('Password')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(identityApi.signOut).toHaveBeenCalled());
  });
});
