import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/core-plugin-api';
import type {
  AccountDeletionPreview,
  ChangePasswordRequest,
  DeleteOwnAccountRequest,
  LabstageRole,
  SignInRequest,
  SignUpRequest,
  User,
} from '@internal/backstage-plugin-accounts-common';
import { assertOk } from './errors';

/**
 * Client for the Labstage accounts REST API (`/api/auth/accounts`).
 *
 * @public
 */
export interface AccountsApi {
  /** Creates an account and starts a session (sets the session cookie). */
  signUp(request: SignUpRequest): Promise<User>;
  /** Starts a session (sets the session cookie). */
  signIn(request: SignInRequest): Promise<User>;
  /** Revokes the session and clears the cookie. */
  signOut(): Promise<void>;
  me(): Promise<User>;
  changePassword(request: ChangePasswordRequest): Promise<void>;
  listUsers(): Promise<User[]>;
  setRole(username: string, role: LabstageRole): Promise<User>;
  setDisabled(username: string, disabled: boolean): Promise<User>;
  resetPassword(username: string, newPassword: string): Promise<void>;
  /** What deleting the account would remove and keep (admins). */
  getDeletionPreview(username: string): Promise<AccountDeletionPreview>;
  /** Deletes another user's account (admins). */
  deleteUser(username: string): Promise<void>;
  /** What deleting the signed-in user's own account would remove and keep. */
  getOwnDeletionPreview(): Promise<AccountDeletionPreview>;
  /**
   * Deletes the signed-in user's own account; the server ends the session
   * and clears the cookie.
   */
  deleteOwnAccount(request: DeleteOwnAccountRequest): Promise<void>;
}

/** @public */
export const accountsApiRef = createApiRef<AccountsApi>({
  id: 'plugin.accounts.service',
});

/** @public */
export class AccountsClient implements AccountsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  private readonly plainFetch: typeof fetch;

  constructor(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
    /** Used before the user has a Backstage token; defaults to global fetch. */
    plainFetch?: typeof fetch;
  }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
    this.plainFetch =
      options.plainFetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  private async url(path: string): Promise<string> {
    const base = await this.discoveryApi.getBaseUrl('auth');
    return `${base}/accounts${path}`;
  }

  private async call(
    path: string,
    init: RequestInit & { json?: unknown; anonymous?: boolean } = {},
  ): Promise<Response> {
    const { json, anonymous, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (json !== undefined) headers.set('Content-Type', 'application/json');
    const request: RequestInit = {
      ...rest,
      headers,
      credentials: 'include',
      body: json !== undefined ? JSON.stringify(json) : rest.body,
    };
    const url = await this.url(path);
    const response = anonymous
      ? await this.plainFetch(url, request)
      : await this.fetchApi.fetch(url, request);
    await assertOk(response);
    return response;
  }

  async signUp(request: SignUpRequest): Promise<User> {
    const res = await this.call('/signup', {
      method: 'POST',
      json: request,
      anonymous: true,
    });
    return ((await res.json()) as { user: User }).user;
  }

  async signIn(request: SignInRequest): Promise<User> {
    const res = await this.call('/signin', {
      method: 'POST',
      json: request,
      anonymous: true,
    });
    return ((await res.json()) as { user: User }).user;
  }

  async signOut(): Promise<void> {
    await this.call('/signout', { method: 'POST' });
  }

  async me(): Promise<User> {
    const res = await this.call('/me');
    return ((await res.json()) as { user: User }).user;
  }

  async changePassword(request: ChangePasswordRequest): Promise<void> {
    await this.call('/me/password', { method: 'POST', json: request });
  }

  async listUsers(): Promise<User[]> {
    const res = await this.call('/users');
    return ((await res.json()) as { items: User[] }).items;
  }

  async setRole(username: string, role: LabstageRole): Promise<User> {
    const res = await this.call(
      `/users/${encodeURIComponent(username)}/role`,
      { method: 'POST', json: { role } },
    );
    return ((await res.json()) as { user: User }).user;
  }

  async setDisabled(username: string, disabled: boolean): Promise<User> {
    const res = await this.call(
      `/users/${encodeURIComponent(username)}/disabled`,
      { method: 'POST', json: { disabled } },
    );
    return ((await res.json()) as { user: User }).user;
  }

  async resetPassword(username: string, newPassword: string): Promise<void> {
    await this.call(`/users/${encodeURIComponent(username)}/password`, {
      method: 'POST',
      json: { newPassword },
    });
  }

  async getDeletionPreview(username: string): Promise<AccountDeletionPreview> {
    const res = await this.call(
      `/users/${encodeURIComponent(username)}/deletion-preview`,
    );
    return (await res.json()) as AccountDeletionPreview;
  }

  async deleteUser(username: string): Promise<void> {
    await this.call(`/users/${encodeURIComponent(username)}`, {
      method: 'DELETE',
    });
  }

  async getOwnDeletionPreview(): Promise<AccountDeletionPreview> {
    const res = await this.call('/me/deletion-preview');
    return (await res.json()) as AccountDeletionPreview;
  }

  async deleteOwnAccount(request: DeleteOwnAccountRequest): Promise<void> {
    await this.call('/me', { method: 'DELETE', json: request });
  }
}
