import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, mockApis } from '@backstage/frontend-test-utils';
import {
  AccountsApi,
  accountsApiRef,
} from '@internal/backstage-plugin-accounts-react';
import { LabstageApiError } from '@internal/backstage-plugin-labstage-react';
import { mockAccountsApi } from '../../testing/mockAccountsApi';
import { LabstageSignInPage } from './LabstageSignInPage';

describe('LabstageSignInPage', () => {
  const originalFetch = globalThis.fetch;
  beforeEach(() => {
    // No session cookie: the refresh probe is rejected.
    globalThis.fetch = jest
      .fn()
      .mockResolvedValue({ ok: false, status: 401 }) as any;
  });
  afterEach(() => {
    globalThis.fetch = originalFetch;
  });

  const render = (api: AccountsApi) =>
    renderInTestApp(<LabstageSignInPage onSignInSuccess={jest.fn()} />, {
      apis: [
        mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
        [accountsApiRef, api],
      ],
    });

  it('shows the sign-in form when there is no session, with branding', async () => {
    await render(mockAccountsApi());
    expect(await screen.findByLabelText('Username')).toBeInTheDocument();
    expect(screen.getByText('Labstage')).toBeInTheDocument();
    expect(
      screen.getByText('Real computers for every student, in the browser'),
    ).toBeInTheDocument();
    expect(globalThis.fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/auth/labstage/refresh',
      expect.objectContaining({ credentials: 'include' }),
    );
  });

  it('validates the sign-in form before calling the server', async () => {
    const api = mockAccountsApi();
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Sign in' }),
    );
    expect(screen.getByText('Enter your username')).toBeInTheDocument();
    expect(screen.getByText('Enter your password')).toBeInTheDocument();
    expect(api.signIn).not.toHaveBeenCalled();
  });

  it('shows the server message on a failed sign-in', async () => {
    const api = mockAccountsApi({
      signIn: jest.fn().mockRejectedValue(
        new LabstageApiError('Incorrect username or password', 401, {
          serverMessage: 'Incorrect username or password',
        }),
      ),
    });
    await render(api);
    await userEvent.type(await screen.findByLabelText('Username'), 'alice');
    await userEvent.type(screen.getByLabelText('Password'), 'wrong-password');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Incorrect username or password',
    );
    expect(api.signIn).toHaveBeenCalledWith({
      username: 'alice',
      password: 'wrong-password',
    });
  });

  it('tells a rate-limited user when to retry', async () => {
    const api = mockAccountsApi({
      signIn: jest.fn().mockRejectedValue(
        new LabstageApiError('Too many failed sign-in attempts.', 429, {
          serverMessage: 'Too many failed sign-in attempts.',
          retryAfterSeconds: 600,
        }),
      ),
    });
    await render(api);
    await userEvent.type(await screen.findByLabelText('Username'), 'alice');
    await userEvent.type(screen.getByLabelText('Password'), 'whatever1');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many failed sign-in attempts. Try again in 10 minutes.',
    );
  });

  it('validates the sign-up form and sends the join code', async () => {
    const api = mockAccountsApi({
      signUp: jest.fn().mockRejectedValue(
        new LabstageApiError('Unknown or disabled join code', 400, {
          serverMessage: 'Unknown or disabled join code',
        }),
      ),
    });
    await render(api);
    await userEvent.click(
      await screen.findByRole('tab', { name: 'Create account' }),
    );
    await userEvent.type(screen.getByLabelText('Username'), 'Bad Name');
    await userEvent.type(screen.getByLabelText('Display name'), 'Carol');
    await userEvent.type(screen.getByLabelText('Email'), 'not-an-email');
    await userEvent.type(screen.getByLabelText('Password'), 'short');
    await userEvent.type(screen.getByLabelText('Confirm password'), 'other');
    await userEvent.click(
      screen.getByRole('button', { name: 'Create account' }),
    );
    expect(screen.getByText(/starting with a letter/)).toBeInTheDocument();
    expect(screen.getByText('Enter a valid email address')).toBeInTheDocument();
    expect(
      screen.getByText('Password must be at least 8 characters'),
    ).toBeInTheDocument();
    expect(screen.getByText('Passwords do not match')).toBeInTheDocument();
    expect(api.signUp).not.toHaveBeenCalled();

    await userEvent.clear(screen.getByLabelText('Username'));
    await userEvent.type(screen.getByLabelText('Username'), 'carol');
    await userEvent.clear(screen.getByLabelText('Email'));
    await userEvent.type(screen.getByLabelText('Email'), 'carol@example.com');
    await userEvent.clear(screen.getByLabelText('Password'));
    await userEvent.type(screen.getByLabelText('Password'), 'long-enough-1');
    await userEvent.clear(screen.getByLabelText('Confirm password'));
    await userEvent.type(
      screen.getByLabelText('Confirm password'),
      'long-enough-1',
    );
    await userEvent.type(
      screen.getByLabelText('Course join code (optional)'),
      'NOPE42',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Create account' }),
    );
    await waitFor(() =>
      expect(api.signUp).toHaveBeenCalledWith({
        username: 'carol',
        displayName: 'Carol',
        email: 'carol@example.com',
        password: 'long-enough-1',
        joinCode: 'NOPE42',
      }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Unknown or disabled join code',
    );
  });
});
