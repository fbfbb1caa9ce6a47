import type { PlannedSession } from '@internal/backstage-plugin-desktops-common';
import {
  DataColumn,
  DataTable,
} from '@internal/backstage-plugin-labstage-react';
import { Chip, makeStyles, Typography } from '@material-ui/core';
import WarningIcon from '@material-ui/icons/Warning';
import { meetingTimeText, shortByText } from './capacityText';

const useStyles = makeStyles(
  theme => ({
    short: { backgroundColor: theme.palette.errorBackground ?? '#fdecea' },
    shortChip: {
      backgroundColor: theme.palette.error.main,
      color: theme.palette.common.white,
      fontWeight: 600,
    },
    fitsChip: {
      backgroundColor: theme.palette.success.main,
      color: theme.palette.common.white,
    },
    shortIcon: { color: theme.palette.common.white },
  }),
  { name: 'LabstageUpcomingSessions' },
);

/**
 * The class sessions of the next 7 days and whether their students'
 * desktops fit (overlapping sessions counted together); a session that
 * would not fit stands out.
 */
export const UpcomingSessionsTable = ({
  sessions,
}: {
  sessions: PlannedSession[];
}) => {
  const classes = useStyles();
  if (sessions.length === 0) {
    return (
      <Typography color="textSecondary">
        No class sessions in the next 7 days.
      </Typography>
    );
  }
  const columns: DataColumn<PlannedSession>[] = [
    { title: 'Course', cell: row => row.courseCode },
    { title: 'Session', cell: row => row.title },
    { title: 'When', cell: row => meetingTimeText(row.start, row.end) },
    { title: 'Students', align: 'right', cell: row => row.students },
    {
      title: 'Capacity',
      cell: row =>
        row.fits ? (
          <Chip size="small" label="Fits" className={classes.fitsChip} />
        ) : (
          <Chip
            size="small"
            icon={<WarningIcon className={classes.shortIcon} />}
            label={shortByText(row.shortBy)}
            className={classes.shortChip}
          />
        ),
    },
  ];
  return (
    <>
      <DataTable
        label="Upcoming sessions"
        columns={columns}
        rows={sessions}
        rowKey={row => `${row.sessionId}@${row.start}`}
        rowTestId="planned-session"
        rowClassName={row => (row.fits ? undefined : classes.short)}
      />
      <Typography variant="caption" color="textSecondary">
        Class times, in your time zone. A session needs its desktops from the
        warm-up to the stop after the end; sessions overlapping then are counted
        together.
      </Typography>
    </>
  );
};
