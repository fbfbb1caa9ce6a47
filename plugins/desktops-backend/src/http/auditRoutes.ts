import {
  auditExportQuerySchema,
  auditQuerySchema,
  desktopAuditReadPermission,
  DesktopAuditEntry,
  desktopVisitorsReadPermission,
  visitorsQuerySchema,
} from '@internal/backstage-plugin-desktops-common';
import { parseInput } from '@internal/backstage-plugin-labstage-node';
import { stringify } from 'csv-stringify';
import { Router } from 'express';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { AuditFilter } from '../store/AuditStore';
import { loadRequestedDesktop, requireAllowed } from './authorize';
import { RouteContext } from './context';
import { getCaller } from './identity';

/** Rows read per query while exporting. */
const EXPORT_BATCH = 1000;

const CSV_COLUMNS: Array<{ key: string; header: string }> = [
  { key: 'id', header: 'id' },
  { key: 'at', header: 'at' },
  { key: 'action', header: 'action' },
  { key: 'desktopId', header: 'desktop' },
  { key: 'desktopOwner', header: 'owner' },
  { key: 'actor', header: 'actor' },
  { key: 'subject', header: 'subject' },
  { key: 'connectionId', header: 'connection' },
  { key: 'mode', header: 'mode' },
  { key: 'details', header: 'details' },
];

/**
 * The audit log, read-only: the owner's Visitors panel and the admins'
 * view and CSV export. No route changes or deletes an entry.
 */
export function addAuditRoutes(router: Router, ctx: RouteContext) {
  router.get('/desktops/:id/visitors', async (req, res) => {
    const { desktop } = await loadRequestedDesktop(
      ctx,
      req,
      desktopVisitorsReadPermission,
    );
    const page = parseInput(visitorsQuerySchema, req.query);
    // The owner's own sessions are not visits.
    res.json(
      await ctx.audit.store.visits(desktop.id, page, {
        excludeUser: desktop.owner,
      }),
    );
  });

  router.get('/audit', async (req, res) => {
    const caller = await getCaller(ctx, req);
    await requireAllowed(ctx, caller.credentials, desktopAuditReadPermission);
    const query = parseInput(auditQuerySchema, req.query);
    res.json(
      await ctx.audit.store.list(toFilter(query), {
        limit: query.limit,
        cursor: query.cursor,
      }),
    );
  });

  router.get('/audit/export.csv', async (req, res) => {
    const caller = await getCaller(ctx, req);
    await requireAllowed(ctx, caller.credentials, desktopAuditReadPermission);
    const filter = toFilter(parseInput(auditExportQuerySchema, req.query));
    res.set('Content-Type', 'text/csv; charset=utf-8');
    res.set(
      'Content-Disposition',
      'attachment; filename="labstage-desktop-audit.csv"',
    );
    res.set('Cache-Control', 'no-store');
    await pipeline(
      Readable.from(entries(ctx, filter)),
      stringify({
        header: true,
        columns: CSV_COLUMNS,
        // A cell starting with = + - @ must not run as a formula in a
        // spreadsheet (names and reasons come from users).
        escape_formulas: true,
        cast: {
          object: value => JSON.stringify(value),
        },
      }),
      res,
    );
  });
}

/** Every matching entry, newest first, read in batches. */
async function* entries(
  ctx: RouteContext,
  filter: AuditFilter,
): AsyncGenerator<DesktopAuditEntry> {
  let cursor: string | undefined;
  do {
    const page = await ctx.audit.store.list(filter, {
      limit: EXPORT_BATCH,
      cursor,
    });
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

function toFilter(query: {
  desktopId?: string;
  user?: string;
  action?: AuditFilter['action'];
  from?: string;
  to?: string;
}): AuditFilter {
  return {
    desktopId: query.desktopId,
    user: query.user,
    action: query.action,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
  };
}
