import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  PermissionRuleset,
} from '@backstage/plugin-permission-node';
import { PermissionDecisionCache } from './PermissionDecisionCache';

/** @public */
export type ResourceAuthorizeRequest<TResourceType extends string> = {
  permission: ResourcePermission<TResourceType>;
  resourceRef: string;
};

/** @public */
export interface ResourceAuthorizerOptions<
  TResource,
  TResourceType extends string,
> {
  decisions: PermissionDecisionCache;
  /** The plugin's own rules, from `permissionsRegistry.getPermissionRuleset`. */
  ruleset: PermissionRuleset<TResource, any, TResourceType>;
  /** Loads resources by ref, in order; undefined where there is none. */
  getResources(refs: string[]): Promise<Array<TResource | undefined>>;
}

/**
 * Decides resource permissions inside the plugin that owns the resource:
 * the policy's decision comes from the cache, and its conditions are applied
 * here with the plugin's own rules to resources loaded for this request.
 * This is what the permission backend's apply-conditions callback would do,
 * without the two loopback HTTP hops.
 *
 * @public
 */
export class ResourceAuthorizer<TResource, TResourceType extends string> {
  readonly #decisions: PermissionDecisionCache;
  readonly #getResources: (
    refs: string[],
  ) => Promise<Array<TResource | undefined>>;
  readonly #applies: (
    decision: PolicyDecision,
    resource: TResource | undefined,
  ) => boolean;

  constructor(options: ResourceAuthorizerOptions<TResource, TResourceType>) {
    this.#decisions = options.decisions;
    this.#getResources = options.getResources;
    this.#applies = createConditionAuthorizer(options.ruleset);
  }

  /**
   * Whether each request is allowed, in order. `known` holds resources the
   * request has already loaded (by ref), so they are not loaded again.
   */
  async authorize(
    credentials: BackstageCredentials,
    requests: ResourceAuthorizeRequest<TResourceType>[],
    known: ReadonlyMap<string, TResource> = new Map(),
  ): Promise<boolean[]> {
    if (requests.length === 0) return [];
    const decisions = await this.#decisions.decisions(
      credentials,
      requests.map(r => r.permission),
    );
    const conditional = requests.filter(
      (_, i) => decisions[i].result === AuthorizeResult.CONDITIONAL,
    );
    const refs = [
      ...new Set(
        conditional.map(r => r.resourceRef).filter(ref => !known.has(ref)),
      ),
    ];
    const loaded = refs.length ? await this.#getResources(refs) : [];
    const resources = new Map<string, TResource | undefined>(known);
    refs.forEach((ref, i) => resources.set(ref, loaded[i]));
    return requests.map((request, i) => {
      const decision = decisions[i];
      if (decision.result !== AuthorizeResult.CONDITIONAL) {
        return decision.result === AuthorizeResult.ALLOW;
      }
      // No such resource: deny, as the apply-conditions endpoint does.
      const resource = resources.get(request.resourceRef);
      return resource !== undefined && this.#applies(decision, resource);
    });
  }
}
