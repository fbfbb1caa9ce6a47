import type {
  DesktopAuditAction,
  DesktopAuditEntry,
} from '@internal/backstage-plugin-desktops-common';
import { ownerName } from '../common/format';

export const ACTION_LABELS: Record<DesktopAuditAction, string> = {
  'connection.open': 'Opened',
  'connection.close': 'Closed',
  'share.grant': 'Shared',
  'share.change': 'Role changed',
  'share.revoke': 'Access revoked',
  'control.grant': 'Control given',
  'control.release': 'Control returned',
  'control.take': 'Control taken',
  'desktop.stop': 'Stopped by an admin',
};

/** The row's "details" cell: mode, role change or close reason. */
export function entryDetails(entry: DesktopAuditEntry): string {
  const parts: string[] = [];
  if (entry.mode) parts.push(entry.mode === 'control' ? 'control' : 'view');
  const d = entry.details;
  if (d?.before !== undefined || d?.after !== undefined) {
    parts.push(`${d?.before ?? 'none'} → ${d?.after ?? 'none'}`);
  }
  if (d?.reason) parts.push(d.reason);
  return parts.join(' · ');
}

/** `user:default/alice` → `alice`, and nothing for null. */
export function personName(ref: string | null): string {
  return ref ? ownerName(ref) : '';
}
