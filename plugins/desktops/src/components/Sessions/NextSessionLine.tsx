import { Link } from '@backstage/core-components';
import type { ClassSessionsResponse } from '@internal/backstage-plugin-desktops-common';
import { makeStyles, Paper, Typography } from '@material-ui/core';
import EventIcon from '@material-ui/icons/Event';
import { soonMeetingText } from './scheduleText';

const useStyles = makeStyles(theme => ({
  line: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
    padding: theme.spacing(1.5, 2),
  },
}));

/**
 * The course Overview's line about sessions: "Next session: Tue 9:00" in
 * the course's zone. Instructors of a course without one are pointed to
 * the Sessions tab; students of such a course see nothing.
 */
export const NextSessionLine = (props: {
  sessions: ClassSessionsResponse;
  canManage: boolean;
}) => {
  const { sessions, canManage } = props;
  const classes = useStyles();
  const next = sessions.items
    .flatMap(s => (s.nextOccurrence ? [s.nextOccurrence] : []))
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))[0];
  if (!next && !canManage) return null;
  return (
    <Paper
      component="section"
      className={classes.line}
      aria-label="Next session"
    >
      <EventIcon color="action" />
      {next ? (
        <>
          <Typography variant="body1" data-testid="next-session">
            {`Next session: ${soonMeetingText(next.start, sessions.timeZone)}`}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {`${next.title} · ${sessions.timeZone}`}
          </Typography>
          <Link to="sessions">All sessions</Link>
        </>
      ) : (
        <>
          <Typography variant="body1" data-testid="next-session">
            No sessions scheduled
          </Typography>
          <Link to="sessions">Schedule one in the Sessions tab</Link>
        </>
      )}
    </Paper>
  );
};
