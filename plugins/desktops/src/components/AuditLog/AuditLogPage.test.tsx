import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { DesktopAuditEntry } from '@internal/backstage-plugin-desktops-common';
import { LabstageApiError } from '@internal/backstage-plugin-labstage-react';
import { DateTime } from 'luxon';
import { desktopsApiRef } from '../../api/DesktopsClient';
import { AuditLogTable } from './AuditLogPage';
import { draftToFilters } from './AuditFiltersForm';

beforeAll(() => {
  (URL as any).createObjectURL = jest.fn(() => 'blob:csv');
  (URL as any).revokeObjectURL = jest.fn();
});

function entry(overrides: Partial<DesktopAuditEntry>): DesktopAuditEntry {
  return {
    id: '1',
    at: '2026-11-29T09:00:00.000Z',
    action: 'connection.open',
    desktopId: 'd1',
    desktopOwner: 'user:default/alice',
    actor: 'user:default/bob',
    subject: null,
    connectionId: 'c1',
    mode: 'view',
    details: null,
    ...overrides,
  };
}

function fakeApi(overrides: object = {}) {
  return {
    listAudit: jest.fn().mockResolvedValue({
      items: [
        entry({
          id: '3',
          action: 'share.change',
          actor: 'user:default/alice',
          subject: 'user:default/bob',
          connectionId: null,
          mode: null,
          details: { before: 'viewer', after: 'controller' },
        }),
        entry({
          id: '2',
          action: 'control.take',
          actor: 'user:default/kim',
          mode: null,
        }),
        entry({ id: '1' }),
      ],
      nextCursor: '1',
    }),
    exportAudit: jest.fn().mockResolvedValue({
      blob: new Blob(['id,at\n']),
      filename: 'labstage-desktop-audit.csv',
    }),
    ...overrides,
  };
}

async function render(api: object) {
  await renderInTestApp(<AuditLogTable />, {
    apis: [[desktopsApiRef, api as any]],
  });
}

describe('AuditLogTable', () => {
  it('lists entries newest first, filters them, pages back and exports the same filters', async () => {
    const api = fakeApi();
    await render(api);
    const table = await screen.findByRole('table', { name: 'Audit log' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('Role changed');
    expect(rows[0]).toHaveTextContent('viewer → controller');
    expect(rows[1]).toHaveTextContent('Control taken');
    expect(rows[1]).toHaveTextContent('kim');
    expect(rows[2]).toHaveTextContent('Opened');
    expect(api.listAudit).toHaveBeenCalledWith({}, { limit: 100 });

    await userEvent.type(screen.getByLabelText('User'), 'bob');
    await userEvent.type(screen.getByLabelText('Desktop id'), 'd1');
    await userEvent.click(screen.getByRole('button', { name: /^Action/ }));
    await userEvent.click(
      screen.getByRole('option', { name: 'Access revoked' }),
    );
    await userEvent.type(screen.getByLabelText('From'), '2026-11-29');
    await userEvent.click(
      screen.getByRole('button', { name: 'Apply filters' }),
    );
    const filters = {
      desktopId: 'd1',
      user: 'user:default/bob',
      action: 'share.revoke',
      from: DateTime.fromISO('2026-11-29').startOf('day').toUTC().toISO(),
      to: undefined,
    };
    await waitFor(() =>
      expect(api.listAudit).toHaveBeenLastCalledWith(filters, { limit: 100 }),
    );

    await screen.findByRole('table', { name: 'Audit log' });
    api.listAudit.mockResolvedValue({
      items: [
        entry({ id: '0', action: 'desktop.stop', actor: 'user:default/root' }),
      ],
      nextCursor: null,
    });
    await userEvent.click(
      screen.getByRole('button', { name: 'Show older entries' }),
    );
    expect(await screen.findByText('Stopped by an admin')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Show older entries' }),
    ).toBeNull();
    expect(api.listAudit).toHaveBeenLastCalledWith(filters, {
      cursor: '1',
      limit: 100,
    });

    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(api.exportAudit).toHaveBeenCalledWith(filters);
    await waitFor(() => expect(URL.createObjectURL).toHaveBeenCalled());
  });

  it('refuses a date range that ends before it starts', async () => {
    expect(
      draftToFilters({
        desktopId: '',
        user: '',
        action: '',
        from: '2026-11-29',
        to: '2026-11-28',
      }),
    ).toEqual({
      problem: 'The “From” date must not be after the “To” date.',
    });
    const api = fakeApi();
    await render(api);
    await screen.findByRole('table', { name: 'Audit log' });
    await userEvent.type(screen.getByLabelText('From'), '2026-11-29');
    await userEvent.type(screen.getByLabelText('To'), '2026-11-28');
    await userEvent.click(
      screen.getByRole('button', { name: 'Apply filters' }),
    );
    expect(
      screen.getByText('The “From” date must not be after the “To” date.'),
    ).toBeInTheDocument();
    expect(api.listAudit).toHaveBeenCalledTimes(1);
  });

  it('says when nothing matches, and when the export fails', async () => {
    await render(
      fakeApi({
        listAudit: jest.fn().mockResolvedValue({ items: [], nextCursor: null }),
        exportAudit: jest
          .fn()
          .mockRejectedValue(
            new LabstageApiError('The server had a problem.', 500),
          ),
      }),
    );
    expect(
      await screen.findByText('No entry matches these filters.'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The export failed: The server had a problem.',
    );
  });

  it('tells a non-admin the log is for admins', async () => {
    await render(
      fakeApi({
        listAudit: jest
          .fn()
          .mockRejectedValue(
            new LabstageApiError('You do not have permission to do that.', 403),
          ),
      }),
    );
    expect(await screen.findByText('Admins only')).toBeInTheDocument();
  });
});
