import { useState } from 'react';
import { LinkButton } from '@backstage/core-components';
import {
  FormDialog,
  useFormAction,
} from '@internal/backstage-plugin-labstage-react';
import type { Course } from '@internal/backstage-plugin-courses-common';
import {
  Button,
  DialogActions,
  DialogContentText,
  TextField,
} from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { useCoursesApi } from '../../api/hooks';
import { useCourseLink } from '../common/links';

/** Asks for a join code and enrols the user in that course. */
export const JoinCourseDialog = (props: {
  open: boolean;
  onClose: () => void;
  onJoined?: (course: Course) => void;
}) => {
  const coursesApi = useCoursesApi();
  const courseLink = useCourseLink();
  const [code, setCode] = useState('');
  const { busy, error, setError, run } = useFormAction();
  const [joined, setJoined] = useState<Course>();

  const close = () => {
    setCode('');
    setError(undefined);
    setJoined(undefined);
    props.onClose();
  };

  const submit = async () => {
    const trimmed = code.trim();
    if (!trimmed) {
      setError('Enter the join code your instructor gave you');
      return;
    }
    await run(async () => {
      const course = await coursesApi.join(trimmed);
      setJoined(course);
      props.onJoined?.(course);
    });
  };

  return (
    <FormDialog
      open={props.open}
      titleId="join-course-title"
      title="Join a course"
      submitLabel="Join"
      busy={busy}
      onSubmit={submit}
      onClose={close}
      error={joined ? undefined : error}
      actions={
        joined && (
          <DialogActions>
            <Button onClick={close}>Close</Button>
            <LinkButton
              to={courseLink(joined.id)}
              color="primary"
              variant="contained"
              onClick={close}
            >
              Open course
            </LinkButton>
          </DialogActions>
        )
      }
    >
      {joined ? (
        <Alert severity="success">
          You joined <strong>{joined.code}</strong> · {joined.title}.
        </Alert>
      ) : (
        <>
          <DialogContentText>
            Enter the join code from your instructor. You will see the course's
            announcements, Q&amp;A and materials right away.
          </DialogContentText>
          <TextField
            id="join-course-code"
            label="Join code"
            variant="outlined"
            fullWidth
            autoComplete="off"
            value={code}
            onChange={e => setCode(e.target.value)}
            inputProps={{
              style: { fontFamily: 'monospace', letterSpacing: 2 },
            }}
          />
        </>
      )}
    </FormDialog>
  );
};
