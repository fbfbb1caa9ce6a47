import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { fetchApiRef } from '@backstage/core-plugin-api';
import {
  accountsApiRef,
  clearCurrentAccountCache,
} from '@internal/backstage-plugin-accounts-react';
import { deletionPreview, testUser } from '../../testing/fixtures';
import { mockAccountsApi } from '../../testing/mockAccountsApi';
import { UsersTable } from './AdminPage';

const admin = testUser('ada', { displayName: 'Ada Admin', role: 'admin' });
const bob = testUser('bob', { displayName: 'Bob Lee' });

describe('UsersTable deletion', () => {
  beforeEach(() => clearCurrentAccountCache());

  const render = async (api = mockAccountsApi()) => {
    const alertApi = mockApis.alert();
    // useCurrentAccount asks /accounts/me through the fetch API.
    const fetchApi = {
      fetch: jest.fn(
        async () =>
          new Response(JSON.stringify({ user: admin }), {
            status: 200,
            headers: { 'Content-Type': 'application/json' },
          }),
      ),
    };
    // The list and the current account load on mount; settle inside act.
    await act(async () => {
      await renderInTestApp(<UsersTable />, {
        apis: [
          mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
          [fetchApiRef, fetchApi],
          [accountsApiRef, api],
          alertApi,
        ],
      });
    });
    return alertApi;
  };

  it('offers Delete… for other accounts but not for your own', async () => {
    const api = mockAccountsApi({
      listUsers: jest.fn().mockResolvedValue([admin, bob]),
    });
    await render(api);
    expect(
      await screen.findByRole('button', { name: 'Delete bob' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete ada' })).toBeNull();
  });

  it('refreshes the list after a deletion', async () => {
    const api = mockAccountsApi({
      listUsers: jest
        .fn()
        .mockResolvedValueOnce([admin, bob])
        .mockResolvedValueOnce([admin]),
      getDeletionPreview: jest.fn().mockResolvedValue(deletionPreview()),
      deleteUser: jest.fn().mockResolvedValue(undefined),
    });
    const alertApi = await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Delete bob' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      await within(dialog).findByLabelText('Type bob to confirm'),
      'bob',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete account' }),
    );

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(api.listUsers).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(screen.queryByText('bob')).toBeNull());
    expect(alertApi.getAlerts()).toEqual([
      expect.objectContaining({ message: 'bob deleted', severity: 'success' }),
    ]);
  });

  it('names its icon actions for screen readers', async () => {
    const api = mockAccountsApi({
      listUsers: jest.fn().mockResolvedValue([admin, bob]),
    });
    await render(api);
    expect(
      await screen.findByRole('button', { name: 'Disable bob' }),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Reset password of bob' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('Reset password of bob'),
    ).toBeInTheDocument();
  });
});
