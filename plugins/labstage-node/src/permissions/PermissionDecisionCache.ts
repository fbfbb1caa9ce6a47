import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  BasicPermission,
  isResourcePermission,
  Permission,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/** @public */
export interface PermissionDecisionCacheOptions {
  permissions: PermissionsService;
  /**
   * How long a user's policy decision is reused. Changes to an account's
   * role or status drop its decisions at once (see `clear`); this only
   * bounds the lag when that event is missed, as the accounts directory
   * cache does.
   */
  ttlMs?: number;
}

type CacheEntry = { expiresAt: number; value: Promise<PolicyDecision> };

/**
 * Remembers the policy's answer per user and permission for a few seconds,
 * so a page of requests costs one round trip to the permission backend
 * instead of one (plus its user-info and conditions callbacks) per request.
 *
 * Safe because the Labstage policy decides from the user's account alone:
 * resource permissions come back as conditions, which the plugin applies to
 * the freshly loaded resource on every request (see ResourceAuthorizer), so
 * enrolment and ownership changes count at once. Only user principals are
 * cached; services and anonymous callers always ask.
 *
 * @public
 */
export class PermissionDecisionCache {
  readonly #permissions: PermissionsService;
  readonly #ttlMs: number;
  readonly #entries = new Map<string, CacheEntry>();

  constructor(options: PermissionDecisionCacheOptions) {
    this.#permissions = options.permissions;
    this.#ttlMs = options.ttlMs ?? 3000;
  }

  /**
   * The policy's decision for each permission, in order: ALLOW, DENY or,
   * for resource permissions, CONDITIONAL with the conditions to apply.
   */
  async decisions(
    credentials: BackstageCredentials,
    permissions: Permission[],
  ): Promise<PolicyDecision[]> {
    const principal = credentials.principal as {
      type?: string;
      userEntityRef?: string;
      actor?: { subject?: string };
    };
    if (principal.type !== 'user' || !principal.userEntityRef) {
      return this.#ask(credentials, permissions);
    }
    const now = Date.now();
    this.#prune(now);
    // A plugin acting for the user may be decided differently.
    const caller = `${principal.userEntityRef}\u0000${
      principal.actor?.subject ?? ''
    }`;
    const keyOf = (p: Permission) => `${caller}\u0000${p.name}`;
    const isFresh = (p: Permission) => {
      const entry = this.#entries.get(keyOf(p));
      return entry !== undefined && entry.expiresAt > now;
    };
    const missing = [
      ...new Map(
        permissions.filter(p => !isFresh(p)).map(p => [p.name, p]),
      ).values(),
    ];
    if (missing.length > 0) {
      // One round trip for everything missing; the promises are cached so a
      // burst of requests from one user makes one call.
      const asked = this.#ask(credentials, missing);
      missing.forEach((permission, i) => {
        const key = keyOf(permission);
        const value = asked.then(decisions => decisions[i]);
        this.#entries.set(key, { expiresAt: now + this.#ttlMs, value });
        value.catch(() => {
          if (this.#entries.get(key)?.value === value)
            this.#entries.delete(key);
        });
      });
    }
    return Promise.all(
      permissions.map(p => this.#entries.get(keyOf(p))!.value),
    );
  }

  /** Whether a basic permission is allowed. */
  async allows(
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ): Promise<boolean> {
    const [decision] = await this.decisions(credentials, [permission]);
    return decision.result === AuthorizeResult.ALLOW;
  }

  /**
   * Drops every cached answer. Called when any account's role or status
   * changes: such changes are rare, and dropping everything cannot miss a
   * user whose ref is spelled differently.
   */
  clear(): void {
    this.#entries.clear();
  }

  async #ask(
    credentials: BackstageCredentials,
    permissions: Permission[],
  ): Promise<PolicyDecision[]> {
    const basic = permissions.filter(
      (p): p is BasicPermission => !isResourcePermission(p),
    );
    const resource = permissions.filter((p): p is ResourcePermission =>
      isResourcePermission(p),
    );
    const [basicDecisions, resourceDecisions] = await Promise.all([
      basic.length
        ? this.#permissions.authorize(
            basic.map(permission => ({ permission })),
            { credentials },
          )
        : [],
      resource.length
        ? this.#permissions.authorizeConditional(
            resource.map(permission => ({ permission })),
            { credentials },
          )
        : [],
    ]);
    const byName = new Map<string, PolicyDecision>();
    basic.forEach((p, i) => byName.set(p.name, basicDecisions[i]));
    resource.forEach((p, i) => byName.set(p.name, resourceDecisions[i]));
    return permissions.map(
      p => byName.get(p.name) ?? { result: AuthorizeResult.DENY },
    );
  }

  #prune(now: number) {
    if (this.#entries.size < 5000) return;
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt <= now) this.#entries.delete(key);
    }
  }
}
