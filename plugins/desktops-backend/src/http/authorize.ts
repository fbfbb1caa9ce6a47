import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { desktopReadPermission } from '@internal/backstage-plugin-desktops-common';
import { DesktopRecord, isDesktopId } from '../store';
import { Request } from 'express';
import { RouteContext } from './context';
import { Caller, getCaller } from './identity';

export async function requireAllowed(
  ctx: RouteContext,
  credentials: BackstageCredentials,
  permission: BasicPermission,
): Promise<void> {
  if (!(await ctx.decisions.allows(credentials, permission))) {
    throw new NotAllowedError(`Not allowed: ${permission.name}`);
  }
}

/**
 * Loads a desktop and requires `permission` on it. A caller who may not even
 * read the desktop gets 404, so ids of other people's desktops reveal
 * nothing; one who may read it but not do this gets 403.
 */
export async function loadDesktopWith(
  ctx: RouteContext,
  credentials: BackstageCredentials,
  id: string,
  permission: ResourcePermission<'desktop'>,
): Promise<DesktopRecord> {
  const desktop = isDesktopId(id) ? await ctx.service.find(id) : undefined;
  if (!desktop) throw new NotFoundError('Desktop not found');
  const permissions =
    permission.name === desktopReadPermission.name
      ? [desktopReadPermission]
      : [desktopReadPermission, permission];
  const allowed = await ctx.desktopAuthorizer.authorize(
    credentials,
    permissions.map(p => ({ permission: p, resourceRef: id })),
    await ctx.resources.resourcesOf([desktop]),
  );
  if (!allowed[0]) {
    throw new NotFoundError('Desktop not found');
  }
  if (!allowed[allowed.length - 1]) {
    throw new NotAllowedError(`Not allowed: ${permission.name}`);
  }
  return desktop;
}

/**
 * The caller and the desktop a `/desktops/:id…` request names, when the
 * caller may do `permission` to it (404 or 403 as for loadDesktopWith).
 */
export async function loadRequestedDesktop(
  ctx: RouteContext,
  req: Request,
  permission: ResourcePermission<'desktop'>,
): Promise<{ caller: Caller; desktop: DesktopRecord }> {
  const caller = await getCaller(ctx, req);
  const desktop = await loadDesktopWith(
    ctx,
    caller.credentials,
    req.params.id,
    permission,
  );
  return { caller, desktop };
}

/** The desktops among `desktops` the caller may read. */
export async function filterReadable(
  ctx: RouteContext,
  credentials: BackstageCredentials,
  desktops: DesktopRecord[],
): Promise<DesktopRecord[]> {
  if (desktops.length === 0) return [];
  const allowed = await ctx.desktopAuthorizer.authorize(
    credentials,
    desktops.map(d => ({
      permission: desktopReadPermission,
      resourceRef: d.id,
    })),
    await ctx.resources.resourcesOf(desktops),
  );
  return desktops.filter((_, i) => allowed[i]);
}
