import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  User,
  usernameFromEntityRef,
} from '@internal/backstage-plugin-accounts-common';
import { AccountsDirectory } from './AccountsDirectory';

/** @public */
export interface DirectoryClientOptions {
  auth: AuthService;
  discovery: DiscoveryService;
  /**
   * How long a per-user answer is reused. Roles are not trusted from tokens,
   * so this bounds how long a demotion or disabling can lag.
   */
  cacheTtlMs?: number;
}

type CacheEntry = { expiresAt: number; value: Promise<User | undefined> };

/**
 * Talks to the auth plugin's `/accounts/directory` routes with a service
 * token.
 *
 * @public
 */
export class DirectoryClient implements AccountsDirectory {
  readonly #auth: AuthService;
  readonly #discovery: DiscoveryService;
  readonly #ttlMs: number;
  readonly #cache = new Map<string, CacheEntry>();

  constructor(options: DirectoryClientOptions) {
    this.#auth = options.auth;
    this.#discovery = options.discovery;
    this.#ttlMs = options.cacheTtlMs ?? 3000;
  }

  async getUser(username: string): Promise<User | undefined> {
    const now = Date.now();
    const hit = this.#cache.get(username);
    if (hit && hit.expiresAt > now) {
      return hit.value;
    }
    // The promise itself is cached so that a burst of permission checks for
    // the same user results in a single request.
    const value = this.#fetchUser(username);
    this.#cache.set(username, { expiresAt: now + this.#ttlMs, value });
    this.#prune(now);
    try {
      const user = await value;
      if (!user) {
        // A just-created account must become visible at once.
        this.#cache.delete(username);
      }
      return user;
    } catch (error) {
      this.#cache.delete(username);
      throw error;
    }
  }

  /** Drops what is cached of `username`, so the next read asks the auth plugin. */
  forget(username: string): void {
    this.#cache.delete(username);
  }

  async getUserByRef(userEntityRef: string): Promise<User | undefined> {
    const username = usernameFromEntityRef(userEntityRef);
    return username ? this.getUser(username) : undefined;
  }

  async listUsers(): Promise<User[]> {
    const response = await this.#request('/users');
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const body = (await response.json()) as { items: User[] };
    return body.items;
  }

  async #fetchUser(username: string): Promise<User | undefined> {
    const response = await this.#request(
      `/users/${encodeURIComponent(username)}`,
    );
    if (response.status === 404) {
      return undefined;
    }
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as User;
  }

  async #request(path: string): Promise<Response> {
    const baseUrl = await this.#discovery.getBaseUrl('auth');
    const { token } = await this.#auth.getPluginRequestToken({
      onBehalfOf: await this.#auth.getOwnServiceCredentials(),
      targetPluginId: 'auth',
    });
    return fetch(`${baseUrl}/accounts/directory${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
  }

  #prune(now: number) {
    if (this.#cache.size < 1000) {
      return;
    }
    for (const [key, entry] of this.#cache) {
      if (entry.expiresAt <= now) {
        this.#cache.delete(key);
      }
    }
  }
}
