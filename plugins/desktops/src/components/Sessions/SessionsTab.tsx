import { useState } from 'react';
import { EmptyState } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import type {
  ClassSessionView,
  CreateClassSessionRequest,
} from '@internal/backstage-plugin-desktops-common';
import {
  ConfirmDialog,
  CoursePanelProps,
  DismissibleError,
  errorMessage,
  LoadStatus,
  useReloadableAsync,
} from '@internal/backstage-plugin-labstage-react';
import { Button, Grid, makeStyles, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import AddIcon from '@material-ui/icons/Add';
import { useDesktopsApi } from '../../api/hooks';
import { SessionCard } from './SessionCard';
import { SessionDialog } from './SessionDialog';
import { UpcomingMeetings } from './UpcomingMeetings';

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  zone: { flexGrow: 1 },
  alert: { marginBottom: theme.spacing(2) },
}));

/**
 * The course's Sessions tab: when the class meets, in the course's time
 * zone. Every member reads it; instructors schedule, edit, delete and
 * cancel single meetings, and see how the warm-ups went.
 */
export const SessionsTab = (props: CoursePanelProps) => {
  const { courseId, courseCode, canManage } = props;
  const classes = useStyles();
  const api = useDesktopsApi();
  const alertApi = useApi(alertApiRef);
  const sessions = useReloadableAsync(
    () => api.listSessions(courseId),
    [api, courseId],
  );
  const [editing, setEditing] = useState<ClassSessionView | 'new'>();
  const [deleting, setDeleting] = useState<ClassSessionView>();
  const [error, setError] = useState<string>();
  const [capacityWarning, setCapacityWarning] = useState<string>();
  const list = sessions.value;

  const save = async (request: CreateClassSessionRequest) => {
    const saved =
      editing === 'new' || !editing
        ? await api.createSession(courseId, request)
        : await api.updateSession(courseId, editing.id, request);
    setCapacityWarning(
      saved.capacityWarning
        ? `"${saved.title}" is saved. ${saved.capacityWarning}`
        : undefined,
    );
    alertApi.post({
      message: editing === 'new' ? 'Session scheduled' : 'Session saved',
      severity: 'success',
      display: 'transient',
    });
    setEditing(undefined);
    sessions.retry();
  };

  const remove = async (session: ClassSessionView) => {
    try {
      await api.deleteSession(courseId, session.id);
      setError(undefined);
      sessions.retry();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setDeleting(undefined);
    }
  };

  const scheduleButton = canManage && (
    <Button
      variant="contained"
      color="primary"
      startIcon={<AddIcon />}
      onClick={() => setEditing('new')}
    >
      Schedule a session
    </Button>
  );

  return (
    <section aria-label="Sessions">
      <DismissibleError
        message={error}
        onDismiss={() => setError(undefined)}
        className={classes.alert}
      />
      {capacityWarning && (
        <Alert
          severity="warning"
          className={classes.alert}
          onClose={() => setCapacityWarning(undefined)}
        >
          {capacityWarning}
        </Alert>
      )}
      <LoadStatus
        loading={sessions.loading && !list}
        error={list ? undefined : sessions.error}
      />
      {list && (
        <div className={classes.toolbar}>
          <Typography
            variant="body2"
            color="textSecondary"
            className={classes.zone}
          >
            {`Times are in ${list.timeZone}, the course's time zone.`}
          </Typography>
          {list.items.length > 0 && scheduleButton}
        </div>
      )}
      {list && list.items.length === 0 && (
        <EmptyState
          missing="content"
          title="No sessions scheduled"
          description={
            canManage
              ? `Schedule when ${courseCode} meets: students' desktops start before each class and stop after it.`
              : `Your instructor has not scheduled class sessions for ${courseCode} yet.`
          }
          action={scheduleButton || undefined}
        />
      )}
      {list && list.items.length > 0 && (
        <Grid container spacing={2}>
          {list.items.map(session => (
            <Grid item xs={12} md={6} key={session.id}>
              <SessionCard
                courseId={courseId}
                session={session}
                timeZone={list.timeZone}
                canManage={canManage}
                onEdit={setEditing}
                onDelete={setDeleting}
              />
            </Grid>
          ))}
          <Grid item xs={12}>
            <UpcomingMeetings
              courseId={courseId}
              timeZone={list.timeZone}
              sessions={list.items}
              canManage={canManage}
              onChanged={sessions.retry}
            />
          </Grid>
        </Grid>
      )}
      {editing && list && (
        <SessionDialog
          courseId={courseId}
          timeZone={list.timeZone}
          session={editing === 'new' ? undefined : editing}
          onSubmit={save}
          onClose={() => setEditing(undefined)}
        />
      )}
      {deleting && (
        <ConfirmDialog
          open
          title={`Delete "${deleting.title}"?`}
          confirmLabel="Delete session"
          destructive
          onClose={() => setDeleting(undefined)}
          onConfirm={() => remove(deleting)}
        >
          All its meetings leave the schedule and no desktops are started for
          them. Desktops already started for a meeting that is on now still stop
          after that class, as planned; homes are kept.
        </ConfirmDialog>
      )}
    </section>
  );
};
