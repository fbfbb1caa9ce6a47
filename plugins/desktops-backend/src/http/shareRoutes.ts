import {
  DesktopShare,
  desktopShareManagePermission,
  putShareRequestSchema,
  ShareCandidate,
  SharedDesktop,
} from '@internal/backstage-plugin-desktops-common';
import type { ListResponse } from '@internal/backstage-plugin-labstage-common';
import { parseInput } from '@internal/backstage-plugin-labstage-node';
import { RequestHandler, Router } from 'express';
import { presentDesktop } from '../service/presentDesktop';
import { filterReadable, loadRequestedDesktop } from './authorize';
import { RouteContext } from './context';
import { getCaller } from './identity';
import { granteeParamSchema } from './requestSchemas';

/**
 * Sharing a desktop person by person. Registered before the `/desktops/:id`
 * routes: `shared-with-me` is not a desktop id.
 */
export function addShareRoutes(
  router: Router,
  ctx: RouteContext,
  json: RequestHandler,
) {
  router.get('/desktops/shared-with-me', async (req, res) => {
    const caller = await getCaller(ctx, req);
    const invitations = await ctx.sharing.invitationsOf(caller.userEntityRef);
    const found = await ctx.service.findMany(invitations.map(i => i.desktopId));
    // Invitations are the policy's business too: a desktop the caller may
    // not read (whatever the table says) is left out.
    const readable = new Map(
      (await filterReadable(ctx, caller.credentials, found)).map(d => [
        d.id,
        d,
      ]),
    );
    const owners = await ctx.sharing.displayNames(
      [...readable.values()].map(d => d.owner),
    );
    const items = invitations.flatMap(invitation => {
      const desktop = readable.get(invitation.desktopId);
      if (!desktop) return [];
      const shared: SharedDesktop = {
        ...presentDesktop(desktop),
        role: invitation.role,
        ownerName: owners.get(desktop.owner)!,
      };
      return [shared];
    });
    res.json({ items } satisfies ListResponse<SharedDesktop>);
  });

  router.get('/desktops/:id/shares', async (req, res) => {
    const { desktop } = await loadRequestedDesktop(
      ctx,
      req,
      desktopShareManagePermission,
    );
    res.json({
      items: await ctx.sharing.list(desktop),
    } satisfies ListResponse<DesktopShare>);
  });

  router.get('/desktops/:id/share-candidates', async (req, res) => {
    const { desktop } = await loadRequestedDesktop(
      ctx,
      req,
      desktopShareManagePermission,
    );
    res.json({
      items: await ctx.sharing.candidates(desktop),
    } satisfies ListResponse<ShareCandidate>);
  });

  router.put('/desktops/:id/shares/:grantee', json, async (req, res) => {
    const { caller, desktop } = await loadRequestedDesktop(
      ctx,
      req,
      desktopShareManagePermission,
    );
    const grantee = parseInput(granteeParamSchema, req.params.grantee);
    const { role } = parseInput(putShareRequestSchema, req.body);
    const { share, created } = await ctx.sharing.share(
      desktop,
      grantee,
      role,
      caller.userEntityRef,
    );
    res.status(created ? 201 : 200).json(share satisfies DesktopShare);
  });

  router.delete('/desktops/:id/shares/:grantee', async (req, res) => {
    const { caller, desktop } = await loadRequestedDesktop(
      ctx,
      req,
      desktopShareManagePermission,
    );
    const grantee = parseInput(granteeParamSchema, req.params.grantee);
    await ctx.sharing.revoke(desktop, grantee, caller.userEntityRef);
    res.status(204).end();
  });
}
