import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  accountsUserManagePermission,
  LabstageRole,
} from '@internal/backstage-plugin-accounts-common';
import { AccountsDirectory } from '@internal/backstage-plugin-accounts-node';
import {
  COURSE_RESOURCE_TYPE,
  courseAnnouncementCreatePermission,
  courseContentReadPermission,
  courseCreatePermission,
  courseEnvironmentManagePermission,
  courseListAllPermission,
  courseMaterialManagePermission,
  coursePostCreatePermission,
  coursePostModeratePermission,
  courseReadPermission,
  courseRosterManagePermission,
  courseRosterReadPermission,
  courseUpdatePermission,
} from '@internal/backstage-plugin-courses-common';
import {
  courseConditions,
  createCourseConditionalDecision,
} from '@internal/backstage-plugin-courses-node';
import {
  DESKTOP_RESOURCE_TYPE,
  desktopControlPermission,
  desktopCreatePermission,
  desktopHandPermission,
  desktopImageBuildPermission,
  desktopReadPermission,
  desktopViewPermission,
  type ShareRole,
} from '@internal/backstage-plugin-desktops-common';
import {
  createDesktopConditionalDecision,
  desktopConditions,
} from '@internal/backstage-plugin-desktops-node';
import { decideCatalogForRole } from './catalogDecision';

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

/** Course permissions that need the caller to teach the course. */
const INSTRUCTOR_COURSE_PERMISSIONS = new Set<string>([
  courseUpdatePermission.name,
  courseRosterReadPermission.name,
  courseRosterManagePermission.name,
  courseAnnouncementCreatePermission.name,
  coursePostModeratePermission.name,
  courseMaterialManagePermission.name,
  courseEnvironmentManagePermission.name,
]);

/** Course permissions that need the caller to be enrolled (any role). */
const MEMBER_COURSE_PERMISSIONS = new Set<string>([
  courseReadPermission.name,
  courseContentReadPermission.name,
  coursePostCreatePermission.name,
]);

/** Basic course permissions for instructors (and admins). */
const INSTRUCTOR_BASIC_PERMISSIONS = new Set<string>([
  courseCreatePermission.name,
  courseListAllPermission.name,
]);

/**
 * The decision for a known, enabled account with the given role. Pure, so it
 * can be tested with a table.
 *
 * @public
 */
export function decideForRole(
  permission: PolicyQuery['permission'],
  role: LabstageRole,
  userEntityRef: string,
): PolicyDecision {
  if (role === 'admin') {
    return ALLOW;
  }
  if (permission.name === accountsUserManagePermission.name) {
    return DENY;
  }
  if (INSTRUCTOR_BASIC_PERMISSIONS.has(permission.name)) {
    return role === 'instructor' ? ALLOW : DENY;
  }
  if (isResourcePermission(permission, COURSE_RESOURCE_TYPE)) {
    if (INSTRUCTOR_COURSE_PERMISSIONS.has(permission.name)) {
      return createCourseConditionalDecision(
        permission,
        courseConditions.isCourseInstructor({ userEntityRef }),
      );
    }
    if (MEMBER_COURSE_PERMISSIONS.has(permission.name)) {
      return createCourseConditionalDecision(
        permission,
        courseConditions.isCourseMember({ userEntityRef }),
      );
    }
    // An unknown course permission: fail closed.
    return DENY;
  }
  if (permission.name.startsWith('courses.')) {
    return DENY;
  }
  if (permission.name === desktopCreatePermission.name) {
    return ALLOW;
  }
  if (permission.name === desktopImageBuildPermission.name) {
    return role === 'instructor' ? ALLOW : DENY;
  }
  if (isResourcePermission(permission, DESKTOP_RESOURCE_TYPE)) {
    return desktopDecision(permission, userEntityRef);
  }
  if (permission.name.startsWith('desktops.')) {
    // desktops.desktop.list.all and anything unknown: admins only.
    return DENY;
  }
  if (permission.name.startsWith('catalog.')) {
    return decideCatalogForRole(permission, role, userEntityRef);
  }
  if (permission.name.startsWith('kubernetes.')) {
    // The cluster views (every desktop's pod, the nodes, the API proxy) are
    // the admins': kubernetes.proxy, kubernetes.resources.read,
    // kubernetes.clusters.read and any later kubernetes.* permission.
    return DENY;
  }
  // Scaffolder and any other plugin's permissions: staff only.
  return role === 'instructor' ? ALLOW : DENY;
}

/**
 * A desktop is its owner's. People the owner invited may see it (viewers)
 * or also be handed control (controllers); the instructors of its course
 * may see it, take control (the gateway logs it and tells the student) and
 * lower its raised hand. Everything else (rename, start and stop, files,
 * saving, sharing, the visitors list, delete) stays the owner's.
 */
function desktopDecision(
  permission: ResourcePermission<typeof DESKTOP_RESOURCE_TYPE>,
  userEntityRef: string,
): PolicyDecision {
  const owner = desktopConditions.isDesktopOwner({ userEntityRef });
  const instructor = desktopConditions.isInstructorOfDesktopCourse({
    userEntityRef,
  });
  const sharedWith = (roles: ShareRole[]) =>
    desktopConditions.isSharedWith({ userEntityRef, roles });
  switch (permission.name) {
    case desktopReadPermission.name:
    case desktopViewPermission.name:
      return createDesktopConditionalDecision(permission, {
        anyOf: [owner, sharedWith(['viewer', 'controller']), instructor],
      });
    case desktopControlPermission.name:
      return createDesktopConditionalDecision(permission, {
        anyOf: [owner, sharedWith(['controller']), instructor],
      });
    case desktopHandPermission.name:
      return createDesktopConditionalDecision(permission, {
        anyOf: [owner, instructor],
      });
    default:
      return createDesktopConditionalDecision(permission, owner);
  }
}

/**
 * The Labstage permission policy. Roles are looked up in the accounts
 * directory on every decision (the directory client caches briefly), never
 * taken from the token.
 *
 * @public
 */
export class LabstagePermissionPolicy implements PermissionPolicy {
  readonly #directory: AccountsDirectory;
  readonly #logger: LoggerService;

  constructor(options: {
    directory: AccountsDirectory;
    logger: LoggerService;
  }) {
    this.#directory = options.directory;
    this.#logger = options.logger;
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const principal = user?.credentials.principal as
      | { type?: string; userEntityRef?: string }
      | undefined;
    if (principal?.type !== 'user' || !principal.userEntityRef) {
      return DENY;
    }
    const userEntityRef = principal.userEntityRef;
    let account;
    try {
      account = await this.#directory.getUserByRef(userEntityRef);
    } catch (error) {
      this.#logger.warn(
        `Denying ${request.permission.name} for ${userEntityRef}: accounts directory lookup failed: ${error}`,
      );
      return DENY;
    }
    if (!account || account.disabled) {
      return DENY;
    }
    return decideForRole(
      request.permission,
      account.role,
      account.userEntityRef ?? userEntityRef,
    );
  }
}
