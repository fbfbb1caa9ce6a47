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
  ResetPasswordRequest,
  SetDisabledRequest,
  SetRoleRequest,
  SignInRequest,
  SignUpRequest,
  User,
  UserResponse,
} from '@internal/backstage-plugin-accounts-common';
import type { ListResponse } from '@internal/backstage-plugin-labstage-common';
import { RestClient } from '@internal/backstage-plugin-labstage-react';

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

const user = (username: string) => `/users/${encodeURIComponent(username)}`;

/** @public */
export class AccountsClient implements AccountsApi {
  private readonly http: RestClient;
  /** For sign-up and sign-in, before the user has a Backstage token. */
  private readonly anonymousHttp: RestClient;

  constructor(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
    /** Used before the user has a Backstage token; defaults to global fetch. */
    plainFetch?: typeof fetch;
  }) {
    const plainFetch =
      options.plainFetch ??
      ((input: RequestInfo | URL, init?: RequestInit) =>
        globalThis.fetch(input, init));
    const common = {
      discoveryApi: options.discoveryApi,
      pluginId: 'auth',
      basePath: '/accounts',
      credentials: 'include' as const,
    };
    this.http = new RestClient({ ...common, fetchApi: options.fetchApi });
    this.anonymousHttp = new RestClient({
      ...common,
      fetchApi: { fetch: plainFetch },
    });
  }

  async signUp(request: SignUpRequest): Promise<User> {
    return (
      await this.anonymousHttp.json<UserResponse>('POST', '/signup', request)
    ).user;
  }

  async signIn(request: SignInRequest): Promise<User> {
    return (
      await this.anonymousHttp.json<UserResponse>('POST', '/signin', request)
    ).user;
  }

  async signOut(): Promise<void> {
    await this.http.request('POST', '/signout');
  }

  async me(): Promise<User> {
    return (await this.http.json<UserResponse>('GET', '/me')).user;
  }

  async changePassword(request: ChangePasswordRequest): Promise<void> {
    await this.http.request('POST', '/me/password', request);
  }

  async listUsers(): Promise<User[]> {
    return (await this.http.json<ListResponse<User>>('GET', '/users')).items;
  }

  async setRole(username: string, role: LabstageRole): Promise<User> {
    const body: SetRoleRequest = { role };
    return (
      await this.http.json<UserResponse>('POST', `${user(username)}/role`, body)
    ).user;
  }

  async setDisabled(username: string, disabled: boolean): Promise<User> {
    const body: SetDisabledRequest = { disabled };
    return (
      await this.http.json<UserResponse>(
        'POST',
        `${user(username)}/disabled`,
        body,
      )
    ).user;
  }

  async resetPassword(username: string, newPassword: string): Promise<void> {
    const body: ResetPasswordRequest = { newPassword };
    await this.http.request('POST', `${user(username)}/password`, body);
  }

  async getDeletionPreview(username: string): Promise<AccountDeletionPreview> {
    return this.http.json('GET', `${user(username)}/deletion-preview`);
  }

  async deleteUser(username: string): Promise<void> {
    await this.http.request('DELETE', user(username));
  }

  async getOwnDeletionPreview(): Promise<AccountDeletionPreview> {
    return this.http.json('GET', '/me/deletion-preview');
  }

  async deleteOwnAccount(request: DeleteOwnAccountRequest): Promise<void> {
    await this.http.request('DELETE', '/me', request);
  }
}
