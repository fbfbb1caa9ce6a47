import { useEffect, useState } from 'react';
import { Progress } from '@backstage/core-components';
import type {
  Desktop,
  DesktopVisit,
} from '@internal/backstage-plugin-desktops-common';
import {
  errorMessage,
  useFormAction,
} from '@internal/backstage-plugin-labstage-react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useDesktopsApi } from '../../api/hooks';
import { ownerName } from '../common/format';
import { formatTime } from '../common/time';

export const VISITS_PAGE_SIZE = 50;

const MODE_LABELS = { view: 'Watched', control: 'Could control' } as const;

const VisitorsBody = ({ desktopId }: { desktopId: string }) => {
  const api = useDesktopsApi();
  const [visits, setVisits] = useState<DesktopVisit[]>();
  const [next, setNext] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<Error>();
  const [attempt, setAttempt] = useState(0);
  const more = useFormAction();

  useEffect(() => {
    let cancelled = false;
    setLoadError(undefined);
    api
      .listVisitors(desktopId, { limit: VISITS_PAGE_SIZE })
      .then(page => {
        if (cancelled) return;
        setVisits(page.items);
        setNext(page.nextCursor);
      })
      .catch(e => {
        if (!cancelled) setLoadError(e);
      });
    return () => {
      cancelled = true;
    };
  }, [api, desktopId, attempt]);

  if (loadError && !visits) {
    return (
      <DialogContent>
        <Alert
          severity="error"
          action={
            <Button onClick={() => setAttempt(a => a + 1)}>Try again</Button>
          }
        >
          Could not load the visitors: {errorMessage(loadError)}
        </Alert>
      </DialogContent>
    );
  }
  if (!visits) {
    return (
      <DialogContent>
        <Progress />
      </DialogContent>
    );
  }
  if (visits.length === 0) {
    return (
      <DialogContent>
        <Typography color="textSecondary">
          Nobody else has opened this desktop yet.
        </Typography>
      </DialogContent>
    );
  }

  const loadMore = () =>
    more.run(async () => {
      if (!next) return;
      const page = await api.listVisitors(desktopId, {
        cursor: next,
        limit: VISITS_PAGE_SIZE,
      });
      setVisits(list => [...(list ?? []), ...page.items]);
      setNext(page.nextCursor);
    });

  return (
    <DialogContent>
      <Table size="small" aria-label="Visitors">
        <TableHead>
          <TableRow>
            <TableCell>Person</TableCell>
            <TableCell>Mode</TableCell>
            <TableCell>From</TableCell>
            <TableCell>To</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {visits.map(visit => (
            <TableRow key={visit.connectionId}>
              <TableCell>{ownerName(visit.userEntityRef)}</TableCell>
              <TableCell>{MODE_LABELS[visit.mode]}</TableCell>
              <TableCell>{formatTime(visit.openedAt)}</TableCell>
              <TableCell>
                {visit.closedAt ? formatTime(visit.closedAt) : 'Still open'}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {more.error && (
        <Alert severity="error" role="alert">
          {more.error}
        </Alert>
      )}
      {next && (
        <Button onClick={loadMore} disabled={more.busy}>
          Show older visits
        </Button>
      )}
    </DialogContent>
  );
};

/**
 * The owner's Visitors panel: who opened this desktop, in which mode, from
 * when to when (the owner's own sessions are not listed), newest first.
 */
export const VisitorsDialog = (props: {
  desktop?: Desktop;
  onClose: () => void;
}) => {
  const { desktop, onClose } = props;
  return (
    <Dialog
      open={Boolean(desktop)}
      onClose={onClose}
      aria-labelledby="visitors-dialog-title"
      maxWidth="md"
      fullWidth
    >
      <DialogTitle id="visitors-dialog-title">
        Visitors of “{desktop?.name ?? ''}”
      </DialogTitle>
      {desktop && <VisitorsBody desktopId={desktop.id} />}
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
};
