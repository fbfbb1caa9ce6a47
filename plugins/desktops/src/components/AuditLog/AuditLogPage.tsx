import { useEffect, useState } from 'react';
import {
  Content,
  EmptyState,
  Header,
  Page,
  Progress,
} from '@backstage/core-components';
import type { DesktopAuditEntry } from '@internal/backstage-plugin-desktops-common';
import {
  errorMessage,
  errorStatus,
  saveBlob,
  useFormAction,
} from '@internal/backstage-plugin-labstage-react';
import {
  Button,
  makeStyles,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
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

type Loaded = { items: DesktopAuditEntry[]; next: string | null };

/**
 * Admins' view of the desktop audit log: who opened whose desktop and how,
 * shares, hand-offs and admin stops; filtered, paged, exported as CSV.
 */
export const AuditLogTable = () => {
  const classes = useStyles();
  const api = useDesktopsApi();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [loaded, setLoaded] = useState<Loaded>();
  const [error, setError] = useState<Error>();
  const [attempt, setAttempt] = useState(0);
  const more = useFormAction();
  const exporting = useFormAction();

  useEffect(() => {
    let cancelled = false;
    setLoaded(undefined);
    setError(undefined);
    api
      .listAudit(filters, { limit: AUDIT_PAGE_SIZE })
      .then(page => {
        if (!cancelled) setLoaded({ items: page.items, next: page.nextCursor });
      })
      .catch(e => {
        if (!cancelled) setError(e);
      });
    return () => {
      cancelled = true;
    };
  }, [api, filters, attempt]);

  const loadMore = () =>
    more.run(async () => {
      if (!loaded?.next) return;
      const page = await api.listAudit(filters, {
        cursor: loaded.next,
        limit: AUDIT_PAGE_SIZE,
      });
      setLoaded(l => ({
        items: [...(l?.items ?? []), ...page.items],
        next: page.nextCursor,
      }));
    });

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
          {loaded
            ? `${loaded.items.length}${loaded.next ? '+' : ''} ${
                loaded.items.length === 1 ? 'entry' : 'entries'
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
          action={
            <Button onClick={() => setAttempt(a => a + 1)}>Try again</Button>
          }
        >
          Could not load the audit log: {errorMessage(error)}
        </Alert>
      )}
      {!loaded && !error && <Progress />}
      {loaded && loaded.items.length === 0 && (
        <Typography color="textSecondary">
          No entry matches these filters.
        </Typography>
      )}
      {loaded && loaded.items.length > 0 && (
        <Paper>
          <Table size="small" aria-label="Audit log">
            <TableHead>
              <TableRow>
                <TableCell>Time</TableCell>
                <TableCell>Action</TableCell>
                <TableCell>Desktop</TableCell>
                <TableCell>Owner</TableCell>
                <TableCell>By</TableCell>
                <TableCell>Concerning</TableCell>
                <TableCell>Details</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {loaded.items.map(entry => (
                <TableRow key={entry.id}>
                  <TableCell>{formatTime(entry.at)}</TableCell>
                  <TableCell>{ACTION_LABELS[entry.action]}</TableCell>
                  <TableCell>{entry.desktopId}</TableCell>
                  <TableCell>{personName(entry.desktopOwner)}</TableCell>
                  <TableCell>{personName(entry.actor)}</TableCell>
                  <TableCell>{personName(entry.subject)}</TableCell>
                  <TableCell>{entryDetails(entry)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      )}
      {more.error && (
        <Alert severity="error" role="alert" className={classes.alert}>
          {more.error}
        </Alert>
      )}
      {loaded?.next && (
        <Button
          className={classes.more}
          onClick={loadMore}
          disabled={more.busy}
        >
          Show older entries
        </Button>
      )}
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
