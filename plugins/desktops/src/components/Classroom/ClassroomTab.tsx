import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { EmptyState } from '@backstage/core-components';
import {
  classroomSignalChannel,
  ClassroomSeat,
  ClassroomSignal,
  ClassroomStateFilter,
} from '@internal/backstage-plugin-desktops-common';
import {
  CoursePanelProps,
  DismissibleError,
  errorMessage,
  LoadStatus,
  useReloadableAsync,
} from '@internal/backstage-plugin-labstage-react';
import {
  Grid,
  makeStyles,
  MenuItem,
  TextField,
  Typography,
} from '@material-ui/core';
import useInterval from 'react-use/esm/useInterval';
import { useDesktopsApi } from '../../api/hooks';
import { useSignalChannel } from '../../hooks/useSignalChannel';
import { useDesktopLink } from '../common/links';
import { SeatCard } from './SeatCard';
import { SeatSort, sortSeats, STATE_FILTERS } from './seatOrder';

/**
 * States and idleness change as students work; thumbnails refresh on
 * their own, hands come by signal.
 */
export const CLASSROOM_REFRESH_MS = 10_000;

const useStyles = makeStyles(theme => ({
  controls: {
    display: 'flex',
    gap: theme.spacing(2),
    alignItems: 'center',
    flexWrap: 'wrap',
    marginBottom: theme.spacing(2),
  },
  select: { minWidth: 180 },
  summary: { flexGrow: 1 },
  alert: { marginBottom: theme.spacing(2) },
}));

/**
 * The course's Classroom tab, for its instructors: a live thumbnail of
 * every enrolled student's course desktop, with raised hands and
 * idleness; sort and filter by state; watch or take control.
 */
export const ClassroomTab = (props: CoursePanelProps) => {
  const { courseId, courseCode } = props;
  const classes = useStyles();
  const api = useDesktopsApi();
  const navigate = useNavigate();
  const desktopLink = useDesktopLink();
  const seats = useReloadableAsync(
    () => api.getClassroom(courseId),
    [api, courseId],
  );
  useInterval(seats.retry, CLASSROOM_REFRESH_MS);
  useSignalChannel<ClassroomSignal>(classroomSignalChannel(courseId), m => {
    if (m.type === 'hand-changed') seats.retry();
  });
  const [filter, setFilter] = useState<ClassroomStateFilter | 'all'>('all');
  const [sort, setSort] = useState<SeatSort>('hand');
  const [busy, setBusy] = useState<string>();
  const [actionError, setActionError] = useState<string>();

  const act = async (seat: ClassroomSeat, action: () => Promise<void>) => {
    setBusy(seat.userEntityRef);
    setActionError(undefined);
    try {
      await action();
    } catch (e) {
      setActionError(errorMessage(e));
    } finally {
      setBusy(undefined);
    }
  };

  const lowerHand = (seat: ClassroomSeat) =>
    act(seat, async () => {
      if (!seat.desktop) return;
      await api.lowerHand(seat.desktop.id);
      seats.retry();
    });

  const takeControl = (seat: ClassroomSeat) =>
    act(seat, async () => {
      if (!seat.desktop) return;
      await api.takeControl(seat.desktop.id);
      navigate(desktopLink(seat.desktop.id));
    });

  const all = seats.value;
  const shown = all
    ? sortSeats(
        all.filter(
          s => filter === 'all' || (s.desktop?.state ?? 'none') === filter,
        ),
        sort,
      )
    : undefined;
  const running = all?.filter(s => s.desktop?.state === 'running').length ?? 0;
  const hands = all?.filter(s => s.handRaisedAt).length ?? 0;

  return (
    <section aria-label="Classroom">
      <DismissibleError
        message={actionError}
        onDismiss={() => setActionError(undefined)}
        className={classes.alert}
      />
      <LoadStatus
        loading={seats.loading && !all}
        error={all ? undefined : seats.error}
      />
      {all && all.length === 0 && (
        <EmptyState
          missing="data"
          title="No students yet"
          description={`Students appear here once they are enrolled in ${courseCode}. Their desktops show up as soon as they launch the course environment.`}
        />
      )}
      {all && all.length > 0 && shown && (
        <>
          <div className={classes.controls}>
            <Typography
              variant="body2"
              className={classes.summary}
              role="status"
              data-testid="classroom-summary"
            >
              {`${running} of ${all.length} running`}
              {hands > 0 &&
                ` · ${hands} ${hands === 1 ? 'hand' : 'hands'} raised`}
            </Typography>
            <TextField
              select
              id="classroom-filter"
              label="State"
              size="small"
              variant="outlined"
              className={classes.select}
              value={filter}
              onChange={e =>
                setFilter(e.target.value as ClassroomStateFilter | 'all')
              }
            >
              {STATE_FILTERS.map(f => (
                <MenuItem key={f.value} value={f.value}>
                  {f.label}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              id="classroom-sort"
              label="Sort by"
              size="small"
              variant="outlined"
              className={classes.select}
              value={sort}
              onChange={e => setSort(e.target.value as SeatSort)}
            >
              <MenuItem value="hand">Raised hands first</MenuItem>
              <MenuItem value="name">Name</MenuItem>
              <MenuItem value="state">State</MenuItem>
              <MenuItem value="idle">Most idle first</MenuItem>
            </TextField>
          </div>
          {shown.length === 0 ? (
            <Typography color="textSecondary">
              No student matches this filter.
            </Typography>
          ) : (
            <Grid container spacing={2}>
              {shown.map(seat => (
                <Grid
                  item
                  xs={12}
                  sm={6}
                  md={4}
                  lg={3}
                  key={seat.userEntityRef}
                >
                  <SeatCard
                    seat={seat}
                    busy={busy === seat.userEntityRef}
                    onLowerHand={lowerHand}
                    onTakeControl={takeControl}
                  />
                </Grid>
              ))}
            </Grid>
          )}
        </>
      )}
    </section>
  );
};
