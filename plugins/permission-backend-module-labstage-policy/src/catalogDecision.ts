import { parseEntityRef } from '@backstage/catalog-model';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  catalogEntityReadPermission,
  RESOURCE_TYPE_CATALOG_ENTITY,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  isResourcePermission,
  PermissionCondition,
  PermissionCriteria,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { PolicyQuery } from '@backstage/plugin-permission-node';
import { labstageCatalogConditions } from '@internal/backstage-plugin-accounts-node';

/**
 * Label on a scaffolder Template naming who it is for: `students` (shown to
 * students and instructors) or `instructors`. Templates without it are for
 * admins only.
 *
 * @public
 */
export const TEMPLATE_AUDIENCE_LABEL = 'labstage.io/audience';

const AUDIENCES = {
  student: ['students'],
  instructor: ['students', 'instructors'],
} as const;

type CatalogCriteria = PermissionCriteria<
  PermissionCondition<typeof RESOURCE_TYPE_CATALOG_ENTITY>
>;

function templatesFor(role: 'student' | 'instructor'): CatalogCriteria {
  const [first, ...rest] = AUDIENCES[role].map(value =>
    catalogConditions.hasLabel({ label: TEMPLATE_AUDIENCE_LABEL, value }),
  );
  return {
    allOf: [
      catalogConditions.isEntityKind({ kinds: ['Template'] }),
      rest.length > 0 ? { anyOf: [first, ...rest] } : first,
    ],
  };
}

/**
 * Catalog permissions for a non-admin. Reads are filtered to the caller's
 * own User, the course groups they belong to and the Templates meant for
 * their role: the catalog holds every account's e-mail (on User entities)
 * and every course's membership. Everything else in the catalog (entity
 * create/delete/refresh/validate, locations, ingestion) is the admins'.
 */
export function decideCatalogForRole(
  permission: PolicyQuery['permission'],
  role: 'student' | 'instructor',
  userEntityRef: string,
): PolicyDecision {
  if (
    permission.name !== catalogEntityReadPermission.name ||
    !isResourcePermission(permission, RESOURCE_TYPE_CATALOG_ENTITY)
  ) {
    return { result: AuthorizeResult.DENY };
  }
  let own;
  try {
    own = parseEntityRef(userEntityRef);
  } catch {
    return { result: AuthorizeResult.DENY };
  }
  const { name, namespace } = own;
  return createCatalogConditionalDecision(permission, {
    anyOf: [
      {
        allOf: [
          catalogConditions.isEntityKind({ kinds: ['User'] }),
          catalogConditions.hasMetadata({ key: 'name', value: name }),
          catalogConditions.hasMetadata({ key: 'namespace', value: namespace }),
        ],
      },
      {
        allOf: [
          catalogConditions.isEntityKind({ kinds: ['Group'] }),
          catalogConditions.hasSpec({ key: 'type', value: 'course' }),
          labstageCatalogConditions.isGroupMember({ userEntityRef }),
        ],
      },
      templatesFor(role),
    ],
  });
}
