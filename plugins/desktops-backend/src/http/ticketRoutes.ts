import { ConflictError } from '@backstage/errors';
import {
  ConnectTicket,
  connectTicketRequestSchema,
  desktopControlPermission,
  desktopViewPermission,
} from '@internal/backstage-plugin-desktops-common';
import { parseInput } from '@internal/backstage-plugin-labstage-node';
import { RequestHandler, Router } from 'express';
import { loadDesktopWith } from './authorize';
import { RouteContext } from './context';
import { getCaller } from './identity';

export function addTicketRoutes(
  router: Router,
  ctx: RouteContext,
  json: RequestHandler,
) {
  router.post('/desktops/:id/tickets', json, async (req, res) => {
    const caller = await getCaller(ctx, req);
    const { mode } = parseInput(connectTicketRequestSchema, req.body);
    const desktop = await loadDesktopWith(
      ctx,
      caller.credentials,
      req.params.id,
      mode === 'control' ? desktopControlPermission : desktopViewPermission,
    );
    if (desktop.state !== 'running') {
      throw new ConflictError(
        `The desktop is ${desktop.state}; connect once it is running`,
      );
    }
    const { ticket, expiresAt } = await ctx.tickets.issue({
      desktopId: desktop.id,
      userEntityRef: caller.userEntityRef,
      mode,
    });
    const body: ConnectTicket = {
      ticket,
      mode,
      desktopId: desktop.id,
      expiresAt: expiresAt.toISOString(),
      // The gateway checks mode and desktop against the ticket, so a ticket
      // can't be replayed against another desktop or upgraded to control.
      path: `/connect?ticket=${encodeURIComponent(
        ticket,
      )}&mode=${mode}&desktop=${desktop.id}`,
    };
    res.set('Cache-Control', 'no-store');
    res.status(201).json(body);
  });
}
