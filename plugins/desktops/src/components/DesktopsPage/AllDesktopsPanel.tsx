import { useState } from 'react';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import {
  ConfirmDialog,
  errorMessage,
  LoadStatus,
  RelativeTime,
  useReloadableAsync,
} from '@internal/backstage-plugin-labstage-react';
import type { Desktop } from '@internal/backstage-plugin-desktops-common';
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
import useInterval from 'react-use/esm/useInterval';
import { useDesktopsApi } from '../../api/hooks';
import { formatResources, ownerName } from '../common/format';
import { StateChip } from '../common/StateChip';

const REFRESH_MS = 10_000;

const useStyles = makeStyles(theme => ({
  heading: { margin: theme.spacing(4, 0, 2) },
  empty: { padding: theme.spacing(2) },
}));

/**
 * Every user's desktops, for admins: who runs what, and a Stop button. The
 * server refuses the list and the stop to anyone else.
 */
export const AllDesktopsPanel = () => {
  const classes = useStyles();
  const api = useDesktopsApi();
  const alertApi = useApi(alertApiRef);
  const [stopping, setStopping] = useState<Desktop>();
  const all = useReloadableAsync(() => api.listAllDesktops(), [api]);
  // Other users' signals don't reach this page; a slow poll keeps it honest.
  useInterval(all.retry, REFRESH_MS);

  const rows = all.value
    ? [...all.value].sort(
        (a, b) =>
          Number(b.state === 'running') - Number(a.state === 'running') ||
          a.owner.localeCompare(b.owner),
      )
    : undefined;

  return (
    <section aria-labelledby="all-desktops-heading">
      <Typography
        variant="h5"
        component="h2"
        id="all-desktops-heading"
        className={classes.heading}
      >
        All desktops (admin)
      </Typography>
      <LoadStatus
        loading={all.loading && !rows}
        error={rows ? undefined : all.error}
      />
      {rows && (
        <Paper>
          {rows.length === 0 ? (
            <Typography className={classes.empty} color="textSecondary">
              Nobody has a desktop yet.
            </Typography>
          ) : (
            <Table size="small" aria-label="All desktops">
              <TableHead>
                <TableRow>
                  <TableCell>Owner</TableCell>
                  <TableCell>Desktop</TableCell>
                  <TableCell>State</TableCell>
                  <TableCell>Resources</TableCell>
                  <TableCell>Last used</TableCell>
                  <TableCell align="right">Actions</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map(desktop => (
                  <TableRow
                    key={desktop.id}
                    data-testid={`all-desktops-row-${desktop.id}`}
                  >
                    <TableCell>{ownerName(desktop.owner)}</TableCell>
                    <TableCell>
                      {desktop.name}
                      <Typography
                        variant="caption"
                        display="block"
                        color="textSecondary"
                      >
                        {desktop.imageTitle}
                      </Typography>
                    </TableCell>
                    <TableCell>
                      <StateChip state={desktop.state} />
                    </TableCell>
                    <TableCell>{formatResources(desktop.resources)}</TableCell>
                    <TableCell>
                      {desktop.lastActiveAt ? (
                        <RelativeTime iso={desktop.lastActiveAt} />
                      ) : (
                        '—'
                      )}
                    </TableCell>
                    <TableCell align="right">
                      {desktop.state === 'running' && (
                        <Button
                          size="small"
                          onClick={() => setStopping(desktop)}
                        >
                          Stop
                        </Button>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </Paper>
      )}
      <ConfirmDialog
        open={Boolean(stopping)}
        title={`Stop ${stopping ? ownerName(stopping.owner) : ''}’s desktop “${
          stopping?.name ?? ''
        }”?`}
        confirmLabel="Stop desktop"
        onClose={() => setStopping(undefined)}
        onConfirm={async () => {
          if (!stopping) return;
          try {
            await api.stopDesktop(stopping.id);
            alertApi.post({
              message: `Stopping ${stopping.name}.`,
              severity: 'info',
              display: 'transient',
            });
            all.retry();
          } catch (e) {
            alertApi.post({ message: errorMessage(e), severity: 'error' });
          }
          setStopping(undefined);
        }}
      >
        Programs open on it are closed and unsaved work in them is lost. Files
        in its home directory are kept, and its owner can start it again.
      </ConfirmDialog>
    </section>
  );
};
