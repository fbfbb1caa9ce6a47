import { z } from 'zod';
import type { ConnectMode, ShareRole } from './types';
import { userEntityRefSchema } from './presence';

/** What an audit entry records. @public */
export const desktopAuditActions = [
  /** A gateway connection opened (actor: who connected). */
  'connection.open',
  /** It closed; same `connectionId` as its open entry. */
  'connection.close',
  /** The owner (or an admin) invited someone (subject). */
  'share.grant',
  /** Their role changed (details.before, details.after). */
  'share.change',
  /** Their access was withdrawn. */
  'share.revoke',
  /** The owner handed the control to the subject. */
  'control.grant',
  /** The control went back to the owner (actor: who released it). */
  'control.release',
  /** An instructor or an admin took the control directly. */
  'control.take',
  /** Someone other than the owner (an admin) stopped the desktop. */
  'desktop.stop',
] as const;

/** @public */
export type DesktopAuditAction = (typeof desktopAuditActions)[number];

/**
 * One row of the append-only desktop audit log.
 *
 * @public
 */
export type DesktopAuditEntry = {
  /** Increasing with time of writing; the paging cursor. */
  id: string;
  at: string;
  action: DesktopAuditAction;
  desktopId: string;
  /** The desktop's owner when it happened. */
  desktopOwner: string;
  /** Who did it. */
  actor: string;
  /** The other person concerned (grantee, previous holder, …), if any. */
  subject: string | null;
  /** Gateway connection, for `connection.*`. */
  connectionId: string | null;
  mode: ConnectMode | null;
  details: DesktopAuditDetails | null;
};

/** Extra facts of some actions. @public */
export type DesktopAuditDetails = {
  before?: ShareRole | null;
  after?: ShareRole | null;
  /** Why a connection closed (its WebSocket close reason). */
  reason?: string;
};

/** A page of entries, newest first. @public */
export type DesktopAuditPage<T> = {
  items: T[];
  /** Pass as `cursor` for the next (older) page; null on the last one. */
  nextCursor: string | null;
};

/**
 * One visit to a desktop, from the pair of `connection.open` and
 * `connection.close` entries.
 *
 * @public
 */
export type DesktopVisit = {
  connectionId: string;
  userEntityRef: string;
  mode: ConnectMode;
  openedAt: string;
  /** Null while it is open (or if the gateway ended without recording it). */
  closedAt: string | null;
};

const isoTime = z.iso.datetime({
  offset: true,
  message: 'Expected an ISO 8601 time such as 2026-11-29T09:00:00Z',
});

const pageFields = {
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z
    .string()
    .regex(/^[1-9][0-9]{0,14}$/, 'Expected a cursor from a previous page')
    .optional(),
};

const filterShape = {
  desktopId: z
    .string()
    .regex(/^[a-z0-9]{1,36}$/, 'Expected a desktop id')
    .optional(),
  /** Matches the actor or the subject. */
  user: userEntityRefSchema.optional(),
  action: z.enum(desktopAuditActions).optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
};

const fromNotAfterTo = (q: { from?: string; to?: string }) =>
  !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to);
const fromNotAfterToMessage = {
  message: '`from` must not be after `to`',
  path: ['from'],
};

/** Query of `GET /audit`: filters and a page. @public */
export const auditQuerySchema = z
  .strictObject({ ...filterShape, ...pageFields })
  .refine(fromNotAfterTo, fromNotAfterToMessage);

/** Query of `GET /audit/export.csv`: the filters, every matching entry. @public */
export const auditExportQuerySchema = z
  .strictObject(filterShape)
  .refine(fromNotAfterTo, fromNotAfterToMessage);

/** Query of `GET /desktops/:id/visitors`. @public */
export const visitorsQuerySchema = z.strictObject(pageFields);

/** @public */
export type AuditQuery = z.infer<typeof auditQuerySchema>;
