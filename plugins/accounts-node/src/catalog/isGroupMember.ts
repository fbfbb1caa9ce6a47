import { RELATION_HAS_MEMBER } from '@backstage/catalog-model';
import { catalogEntityPermissionResourceRef } from '@backstage/plugin-catalog-node/alpha';
import {
  createConditionFactory,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { z } from 'zod';

/**
 * Catalog permission rule: the entity is a group with the given user as a
 * direct member (a `hasMember` relation, which the catalog derives from
 * `spec.members`). The catalog has no built-in membership rule; this one is
 * registered with the catalog by catalog-backend-module-labstage-org.
 *
 * @public
 */
export const isGroupMember = createPermissionRule({
  name: 'IS_GROUP_MEMBER',
  description: 'Allow groups that have the given user as a direct member',
  resourceRef: catalogEntityPermissionResourceRef,
  paramsSchema: z.object({
    userEntityRef: z
      .string()
      .min(1)
      .describe('Entity ref of the user, e.g. user:default/alice'),
  }),
  apply: (entity, { userEntityRef }) => {
    const ref = userEntityRef.toLocaleLowerCase('en-US');
    return (entity.relations ?? []).some(
      r =>
        r.type === RELATION_HAS_MEMBER &&
        r.targetRef.toLocaleLowerCase('en-US') === ref,
    );
  },
  // The catalog indexes each relation as `relations.<type>` = target ref
  // (keys and values compared in lower case).
  toQuery: ({ userEntityRef }) => ({
    key: `relations.${RELATION_HAS_MEMBER}`,
    values: [userEntityRef],
  }),
});

/**
 * Condition factories for the Labstage catalog rules, for permission
 * policies: `labstageCatalogConditions.isGroupMember({ userEntityRef })`.
 *
 * @public
 */
export const labstageCatalogConditions = {
  isGroupMember: createConditionFactory(isGroupMember),
};
