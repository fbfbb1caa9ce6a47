import { Progress } from '@backstage/core-components';
import type {
  Desktop,
  DesktopVisit,
} from '@internal/backstage-plugin-desktops-common';
import {
  DataColumn,
  DataTable,
  errorMessage,
  LoadMore,
  usePagedList,
} from '@internal/backstage-plugin-labstage-react';
import { Button, DialogContent, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useDesktopsApi } from '../../api/hooks';
import { DesktopDialog } from '../common/DesktopDialog';
import { ownerName } from '../common/format';
import { formatTime } from '../common/time';

export const VISITS_PAGE_SIZE = 50;

const MODE_LABELS = { view: 'Watched', control: 'Could control' } as const;

const COLUMNS: DataColumn<DesktopVisit>[] = [
  { title: 'Person', cell: visit => ownerName(visit.userEntityRef) },
  { title: 'Mode', cell: visit => MODE_LABELS[visit.mode] },
  { title: 'From', cell: visit => formatTime(visit.openedAt) },
  {
    title: 'To',
    cell: visit => (visit.closedAt ? formatTime(visit.closedAt) : 'Still open'),
  },
];

const VisitorsBody = ({ desktopId }: { desktopId: string }) => {
  const api = useDesktopsApi();
  const list = usePagedList(
    cursor => api.listVisitors(desktopId, { cursor, limit: VISITS_PAGE_SIZE }),
    [api, desktopId],
  );
  const visits = list.items;

  if (list.error && !visits) {
    return (
      <DialogContent>
        <Alert
          severity="error"
          action={<Button onClick={list.retry}>Try again</Button>}
        >
          Could not load the visitors: {errorMessage(list.error)}
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

  return (
    <DialogContent>
      <DataTable
        label="Visitors"
        columns={COLUMNS}
        rows={visits}
        rowKey={visit => visit.connectionId}
      />
      <LoadMore list={list} label="Show older visits" />
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
}) => (
  <DesktopDialog
    {...props}
    titleId="visitors-dialog-title"
    title={name => `Visitors of “${name}”`}
    maxWidth="md"
    closeLabel="Close"
  >
    {desktop => <VisitorsBody desktopId={desktop.id} />}
  </DesktopDialog>
);
