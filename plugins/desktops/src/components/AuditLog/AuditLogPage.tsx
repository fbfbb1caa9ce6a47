import { useState } from 'react';
import {
  Content,
  EmptyState,
  Header,
  Page,
  Progress,
} from '@backstage/core-components';
import type { DesktopAuditEntry } from '@internal/backstage-plugin-desktops-common';
import {
  DataColumn,
  DataTable,
  errorMessage,
  errorStatus,
  LoadMore,
  saveBlob,
  useFormAction,
  usePagedList,
} from '@internal/backstage-plugin-labstage-react';
import { Button, makeStyles, Paper, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import GetAppIcon from '@material-ui/icons/GetApp';
import type { AuditFilters } from '../../api/DesktopsClient';
import { useDesktopsApi } from '../../api/hooks';
import { formatTime } from '../common/time';
import { AuditFiltersForm } from './AuditFiltersForm';
import { ACTION_LABELS, entryDetails, personName } from './auditText';

export const AUDIT_PAGE_SIZE = 100;

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(1),
  },
  spacer: { flexGrow: 1 },
  more: { margin: theme.spacing(2, 0) },
  alert: { marginBottom: theme.spacing(2) },
}));

const COLUMNS: DataColumn<DesktopAuditEntry>[] = [
  { title: 'Time', cell: entry => formatTime(entry.at) },
  { title: 'Action', cell: entry => ACTION_LABELS[entry.action] },
  { title: 'Desktop', cell: entry => entry.desktopId },
  { title: 'Owner', cell: entry => personName(entry.desktopOwner) },
  { title: 'By', cell: entry => personName(entry.actor) },
  { title: 'Concerning', cell: entry => personName(entry.subject) },
  { title: 'Details', cell: entryDetails },
];

/**
 * Admins' view of the desktop audit log: who opened whose desktop and how,
 * shares, hand-offs and admin stops; filtered, paged, exported as CSV.
 */
export const AuditLogTable = () => {
  const classes = useStyles();
  const api = useDesktopsApi();
  const [filters, setFilters] = useState<AuditFilters>({});
  const list = usePagedList(
    cursor => api.listAudit(filters, { cursor, limit: AUDIT_PAGE_SIZE }),
    [api, filters],
  );
  const { items, error } = list;
  const exporting = useFormAction();

  const exportCsv = () =>
    exporting.run(async () => {
      const file = await api.exportAudit(filters);
      saveBlob(file.blob, file.filename);
    });

  if (error && errorStatus(error) === 403) {
    return (
      <EmptyState
        missing="info"
        title="Admins only"
        description="The desktop audit log is available to Labstage administrators. Owners see who opened their own desktop under Visitors on its card."
      />
    );
  }

  return (
    <>
      <AuditFiltersForm onApply={setFilters} />
      <div className={classes.toolbar}>
        <Typography variant="body2" className={classes.spacer} role="status">
          {items
            ? `${items.length}${list.hasMore ? '+' : ''} ${
                items.length === 1 ? 'entry' : 'entries'
              }, newest first`
            : ''}
        </Typography>
        <Button
          variant="outlined"
          startIcon={<GetAppIcon />}
          onClick={exportCsv}
          disabled={exporting.busy}
        >
          Export CSV
        </Button>
      </div>
      {exporting.error && (
        <Alert severity="error" role="alert" className={classes.alert}>
          The export failed: {exporting.error}
        </Alert>
      )}
      {error && (
        <Alert
          severity="error"
          className={classes.alert}
          action={<Button onClick={list.retry}>Try again</Button>}
        >
          Could not load the audit log: {errorMessage(error)}
        </Alert>
      )}
      {!items && !error && <Progress />}
      {items && items.length === 0 && (
        <Typography color="textSecondary">
          No entry matches these filters.
        </Typography>
      )}
      {items && items.length > 0 && (
        <Paper>
          <DataTable
            label="Audit log"
            columns={COLUMNS}
            rows={items}
            rowKey={entry => entry.id}
          />
        </Paper>
      )}
      <LoadMore
        list={list}
        label="Show older entries"
        classes={{ alert: classes.alert, button: classes.more }}
      />
    </>
  );
};

export const AuditLogPage = () => (
  <Page themeId="tool">
    <Header
      title="Desktop audit log"
      subtitle="Who was in whose desktop, shares and hand-offs. Entries cannot be changed."
    />
    <Content>
      <AuditLogTable />
    </Content>
  </Page>
);
