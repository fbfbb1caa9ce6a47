import { InfoCard } from '@backstage/core-components';
import type { ClassSessionView } from '@internal/backstage-plugin-desktops-common';
import { Button, makeStyles, Typography } from '@material-ui/core';
import DeleteIcon from '@material-ui/icons/Delete';
import EditIcon from '@material-ui/icons/Edit';
import { meetingSpanText, scheduleText, warmUpText } from './scheduleText';
import { WarmUpRuns } from './WarmUpRuns';

const useStyles = makeStyles(theme => ({
  actions: { display: 'flex', gap: theme.spacing(1) },
}));

/**
 * One session of the course: when it meets in words, its next meeting and
 * how early desktops start; for instructors, edit, delete and its last
 * warm-ups.
 */
export const SessionCard = (props: {
  courseId: string;
  session: ClassSessionView;
  timeZone: string;
  canManage: boolean;
  onEdit: (session: ClassSessionView) => void;
  onDelete: (session: ClassSessionView) => void;
}) => {
  const { session, timeZone, canManage } = props;
  const classes = useStyles();
  const next = session.nextOccurrence;
  return (
    <section aria-label={`Session ${session.title}`}>
      <InfoCard
        title={session.title}
        subheader={scheduleText(session, timeZone)}
        action={
          canManage && (
            <div className={classes.actions}>
              <Button
                size="small"
                startIcon={<EditIcon />}
                aria-label={`Edit ${session.title}`}
                onClick={() => props.onEdit(session)}
              >
                Edit
              </Button>
              <Button
                size="small"
                startIcon={<DeleteIcon />}
                aria-label={`Delete ${session.title}`}
                onClick={() => props.onDelete(session)}
              >
                Delete
              </Button>
            </div>
          )
        }
      >
        <Typography variant="body1">
          {next
            ? `Next meeting: ${meetingSpanText(next.start, next.end, timeZone)}`
            : 'No meetings left'}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {warmUpText(session)}
        </Typography>
        {canManage && (
          <WarmUpRuns
            courseId={props.courseId}
            sessionId={session.id}
            timeZone={timeZone}
          />
        )}
      </InfoCard>
    </section>
  );
};
