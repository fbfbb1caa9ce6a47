import { useState } from 'react';
import { InfoCard, MarkdownContent } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import {
  ConfirmDialog,
  errorMessage,
} from '@internal/backstage-plugin-labstage-react';
import {
  Box,
  Button,
  Chip,
  Grid,
  IconButton,
  makeStyles,
  Tooltip,
  Typography,
} from '@material-ui/core';
import FileCopyIcon from '@material-ui/icons/FileCopyOutlined';
import EditIcon from '@material-ui/icons/Edit';
import ArchiveIcon from '@material-ui/icons/Archive';
import UnarchiveIcon from '@material-ui/icons/Unarchive';
import ExitIcon from '@material-ui/icons/ExitToApp';
import { JoinCodeAction } from '../../api/CoursesClient';
import { useCoursesApi } from '../../api/hooks';
import { CourseFormDialog } from '../CoursesPage/CourseFormDialog';
import { useCourseContext } from './context';

const useStyles = makeStyles(theme => ({
  codeBox: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    padding: theme.spacing(2),
    borderRadius: theme.shape.borderRadius,
    background: theme.palette.type === 'dark' ? '#1e2a33' : '#eef6fa',
    border: `1px dashed ${theme.palette.primary.main}`,
  },
  code: {
    fontFamily: 'monospace',
    fontSize: '1.6rem',
    fontWeight: 700,
    letterSpacing: 3,
  },
  disabledCode: {
    color: theme.palette.text.disabled,
    textDecoration: 'line-through',
  },
  buttons: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginTop: theme.spacing(2),
  },
}));

type Pending =
  | { kind: 'joinCode'; action: JoinCodeAction }
  | { kind: 'archive'; archived: boolean }
  | { kind: 'leave' };

const JOIN_CODE_TEXT: Record<
  JoinCodeAction,
  { title: string; body: string; label: string }
> = {
  regenerate: {
    title: 'Regenerate the join code?',
    body: 'The current code stops working at once. Students already enrolled stay enrolled.',
    label: 'Regenerate',
  },
  disable: {
    title: 'Disable the join code?',
    body: 'Nobody new can join until you enable it again. Students already enrolled stay enrolled.',
    label: 'Disable',
  },
  enable: {
    title: 'Enable the join code?',
    body: 'Anyone with the code will be able to join this course.',
    label: 'Enable',
  },
};

const JoinCodeCard = (props: { onAction: (a: JoinCodeAction) => void }) => {
  const classes = useStyles();
  const { course } = useCourseContext();
  const alertApi = useApi(alertApiRef);
  const code = course.joinCode;
  const enabled = course.joinCodeEnabled;
  const copy = async () => {
    if (!code) return;
    try {
      await window.navigator.clipboard.writeText(code);
      alertApi.post({
        message: 'Join code copied',
        severity: 'info',
        display: 'transient',
      });
    } catch {
      alertApi.post({
        message: 'Could not copy; select the code instead',
        severity: 'warning',
        display: 'transient',
      });
    }
  };
  return (
    <InfoCard
      title="Join code"
      subheader="Students enter it on sign-up or with “Join a course”."
    >
      <div className={classes.codeBox}>
        <span
          className={`${classes.code} ${enabled ? '' : classes.disabledCode}`}
          aria-label="Course join code"
        >
          {code ?? '—'}
        </span>
        <Box display="flex" alignItems="center" gridGap={8}>
          <Chip
            size="small"
            label={enabled ? 'Enabled' : 'Disabled'}
            color={enabled ? 'primary' : 'default'}
          />
          {code && (
            <Tooltip title="Copy join code">
              <IconButton
                aria-label="Copy join code"
                onClick={copy}
                size="small"
              >
                <FileCopyIcon fontSize="small" />
              </IconButton>
            </Tooltip>
          )}
        </Box>
      </div>
      <div className={classes.buttons}>
        <Button variant="outlined" onClick={() => props.onAction('regenerate')}>
          Regenerate
        </Button>
        {enabled ? (
          <Button variant="outlined" onClick={() => props.onAction('disable')}>
            Disable
          </Button>
        ) : (
          <Button
            variant="outlined"
            color="primary"
            onClick={() => props.onAction('enable')}
          >
            Enable
          </Button>
        )}
      </div>
    </InfoCard>
  );
};

export const OverviewTab = (props: { onLeft: () => void }) => {
  const classes = useStyles();
  const { course, canManage, isStudent, reload, panels } = useCourseContext();
  const coursesApi = useCoursesApi();
  const alertApi = useApi(alertApiRef);
  const [pending, setPending] = useState<Pending>();
  const [editing, setEditing] = useState(false);

  const run = async (action: () => Promise<unknown>, message: string) => {
    try {
      await action();
      alertApi.post({ message, severity: 'success', display: 'transient' });
      setPending(undefined);
      reload();
    } catch (e) {
      alertApi.post({ message: errorMessage(e), severity: 'error' });
    }
  };

  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={canManage ? 8 : 12}>
        <InfoCard title="About this course">
          {course.description?.trim() ? (
            <MarkdownContent content={course.description} dialect="gfm" />
          ) : (
            <Typography color="textSecondary">
              {canManage
                ? 'No description yet. Use “Edit course” to tell students what this course is about.'
                : 'The instructor has not written a description yet.'}
            </Typography>
          )}
          {(canManage || isStudent) && (
            <div className={classes.buttons}>
              {canManage && (
                <>
                  <Button
                    variant="outlined"
                    color="primary"
                    startIcon={<EditIcon />}
                    onClick={() => setEditing(true)}
                  >
                    Edit course
                  </Button>
                  <Button
                    variant="outlined"
                    startIcon={
                      course.archived ? <UnarchiveIcon /> : <ArchiveIcon />
                    }
                    onClick={() =>
                      setPending({
                        kind: 'archive',
                        archived: !course.archived,
                      })
                    }
                  >
                    {course.archived ? 'Unarchive' : 'Archive'}
                  </Button>
                </>
              )}
              {isStudent && (
                <Button
                  variant="outlined"
                  startIcon={<ExitIcon />}
                  onClick={() => setPending({ kind: 'leave' })}
                >
                  Leave course
                </Button>
              )}
            </div>
          )}
        </InfoCard>
      </Grid>
      {canManage && (
        <Grid item xs={12} md={4}>
          <JoinCodeCard
            onAction={action => setPending({ kind: 'joinCode', action })}
          />
        </Grid>
      )}

      {panels
        .filter(panel => panel.placement.area === 'overview')
        .map(panel => (
          <Grid item xs={12} key={panel.title}>
            <panel.component
              courseId={course.id}
              courseCode={course.code}
              canManage={canManage}
              isStudent={isStudent}
            />
          </Grid>
        ))}

      {pending?.kind === 'joinCode' && (
        <ConfirmDialog
          open
          title={JOIN_CODE_TEXT[pending.action].title}
          confirmLabel={JOIN_CODE_TEXT[pending.action].label}
          destructive={pending.action !== 'enable'}
          onClose={() => setPending(undefined)}
          onConfirm={() =>
            run(
              () => coursesApi.joinCode(course.id, pending.action),
              pending.action === 'regenerate'
                ? 'New join code ready'
                : `Join code ${pending.action}d`,
            )
          }
        >
          {JOIN_CODE_TEXT[pending.action].body}
        </ConfirmDialog>
      )}
      {pending?.kind === 'archive' && (
        <ConfirmDialog
          open
          title={
            pending.archived ? 'Archive this course?' : 'Unarchive this course?'
          }
          confirmLabel={pending.archived ? 'Archive' : 'Unarchive'}
          destructive={pending.archived}
          onClose={() => setPending(undefined)}
          onConfirm={() =>
            run(
              () =>
                coursesApi.updateCourse(course.id, {
                  archived: pending.archived,
                }),
              pending.archived ? 'Course archived' : 'Course unarchived',
            )
          }
        >
          {pending.archived
            ? 'Archived courses stay readable but move to the end of course lists. You can unarchive it later.'
            : 'The course will be listed as active again.'}
        </ConfirmDialog>
      )}
      {pending?.kind === 'leave' && (
        <ConfirmDialog
          open
          title={`Leave ${course.code}?`}
          confirmLabel="Leave course"
          destructive
          onClose={() => setPending(undefined)}
          onConfirm={async () => {
            try {
              await coursesApi.leave(course.id);
              setPending(undefined);
              props.onLeft();
            } catch (e) {
              alertApi.post({ message: errorMessage(e), severity: 'error' });
            }
          }}
        >
          You will lose access to its announcements, Q&amp;A and materials until
          you join again with a join code.
        </ConfirmDialog>
      )}
      <CourseFormDialog
        open={editing}
        course={course}
        onClose={() => setEditing(false)}
        onSubmit={async input => {
          await coursesApi.updateCourse(course.id, input);
          setEditing(false);
          alertApi.post({
            message: 'Course updated',
            severity: 'success',
            display: 'transient',
          });
          reload();
        }}
      />
    </Grid>
  );
};
