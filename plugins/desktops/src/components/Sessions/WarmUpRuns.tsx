import {
  LoadStatus,
  useReloadableAsync,
} from '@internal/backstage-plugin-labstage-react';
import type {
  ClassSessionRunState,
  ClassSessionRunView,
} from '@internal/backstage-plugin-desktops-common';
import { Box, makeStyles, Typography } from '@material-ui/core';
import useInterval from 'react-use/esm/useInterval';
import { useDesktopsApi } from '../../api/hooks';
import { meetingText } from './scheduleText';

/** A warm-up in progress starts desktops one by one: followed this often. */
export const WARM_UP_REFRESH_MS = 15_000;

/** The warm-ups shown: the last few meetings are what an instructor checks. */
const SHOWN = 3;

const STATE_TEXT: Record<ClassSessionRunState, string> = {
  warming: 'warming up',
  warm: 'warm',
  ended: 'ended',
};

const useStyles = makeStyles(theme => ({
  list: { margin: theme.spacing(0.5, 0, 0), paddingLeft: theme.spacing(3) },
}));

/** "4 desktops started" */
function startedText(run: ClassSessionRunView): string {
  return `${run.started} ${run.started === 1 ? 'desktop' : 'desktops'} started`;
}

/**
 * The last warm-ups of a session (instructors): how many desktops each
 * started and whose it could not, with the reason ("bob: quota of 2
 * running desktops reached").
 */
export const WarmUpRuns = (props: {
  courseId: string;
  sessionId: string;
  timeZone: string;
}) => {
  const { courseId, sessionId, timeZone } = props;
  const api = useDesktopsApi();
  const classes = useStyles();
  const runs = useReloadableAsync(
    () => api.listSessionRuns(courseId, sessionId),
    [api, courseId, sessionId],
  );
  const warming = runs.value?.some(r => r.state === 'warming') ?? false;
  useInterval(runs.retry, warming ? WARM_UP_REFRESH_MS : null);
  const shown = runs.value?.slice(0, SHOWN);

  return (
    <Box mt={2} aria-label="Last warm-ups" component="section">
      <Typography variant="subtitle2">Last warm-ups</Typography>
      <LoadStatus
        loading={runs.loading && !runs.value}
        error={runs.value ? undefined : runs.error}
      />
      {shown && shown.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          No warm-up has run yet.
        </Typography>
      )}
      {shown?.map(run => (
        <Box key={run.occurrenceStart} mt={1}>
          <Typography variant="body2">
            {`${meetingText(run.occurrenceStart, timeZone)}: ${
              STATE_TEXT[run.state]
            }, ${startedText(run)}`}
            {run.problems.length > 0 &&
              `, ${run.problems.length} could not be started`}
          </Typography>
          {run.problems.length > 0 && (
            <ul className={classes.list}>
              {run.problems.map(p => (
                <li key={p.student}>
                  <Typography variant="body2" color="error">
                    {`${p.displayName}: ${p.reason}`}
                  </Typography>
                </li>
              ))}
            </ul>
          )}
        </Box>
      ))}
    </Box>
  );
};
