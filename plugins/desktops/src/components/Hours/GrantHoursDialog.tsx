import { useEffect, useRef, useState } from 'react';
import {
  hourGrantRequestSchema,
  type StudentHourUsage,
} from '@internal/backstage-plugin-desktops-common';
import {
  FormDialog,
  useFormAction,
} from '@internal/backstage-plugin-labstage-react';
import { makeStyles, TextField, Typography } from '@material-ui/core';
import { useDesktopsApi } from '../../api/hooks';
import { hoursFieldValue } from './hoursField';
import { allowanceText, hoursText } from './hoursText';

const useStyles = makeStyles(theme => ({
  field: { marginTop: theme.spacing(2) },
}));

type FieldErrors = { extraHours?: string; reason?: string };

/**
 * Extra hours for one student, this week, with a reason. Checked with the
 * server's schema, whose messages are shown under the fields.
 */
export const GrantHoursDialog = (props: {
  courseId: string;
  /** The student to grant to; the dialog is open while set. */
  student?: StudentHourUsage;
  onClose: () => void;
  onGranted: (usage: StudentHourUsage, extraHours: number) => void;
}) => {
  const { courseId, student, onClose } = props;
  const classes = useStyles();
  const api = useDesktopsApi();
  const [hours, setHours] = useState('');
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState<FieldErrors>({});
  const { busy, error, setError, run } = useFormAction();
  const hoursInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    setHours('');
    setReason('');
    setInvalid({});
    setError(undefined);
  }, [student, setError]);

  const submit = async () => {
    if (!student) return;
    const parsed = hourGrantRequestSchema.safeParse({
      student: student.student,
      extraHours: hoursFieldValue(hours),
      reason: reason.trim() ? reason : undefined,
    });
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (field === 'extraHours' || field === 'reason') {
          errors[field] ??= issue.message;
        } else {
          setError(issue.message);
        }
      }
      setInvalid(errors);
      return;
    }
    const request = parsed.data;
    const granted = await run(async () => {
      const usage = await api.grantHours(courseId, request);
      props.onGranted(usage, request.extraHours);
    });
    if (granted) onClose();
  };

  return (
    <FormDialog
      open={Boolean(student)}
      titleId="grant-hours-title"
      title={student ? `Grant extra hours to ${student.displayName}` : ''}
      submitLabel="Grant hours"
      busy={busy}
      onSubmit={submit}
      onClose={onClose}
      error={error}
      focusRef={hoursInput}
    >
      {student && (
        <Typography variant="body2" color="textSecondary">
          Used {hoursText(student.usedSeconds, 'down')} h of{' '}
          {allowanceText(student)} this week. Extra hours count for this week
          only.
        </Typography>
      )}
      <TextField
        id="grant-hours-extra"
        label="Extra hours"
        type="number"
        value={hours}
        onChange={e => {
          setHours(e.target.value);
          setInvalid(i => ({ ...i, extraHours: undefined }));
        }}
        error={Boolean(invalid.extraHours)}
        helperText={invalid.extraHours}
        inputRef={hoursInput}
        inputProps={{ min: 0, max: 40, step: 0.5 }}
        variant="outlined"
        fullWidth
        className={classes.field}
      />
      <TextField
        id="grant-hours-reason"
        label="Reason (optional)"
        value={reason}
        onChange={e => {
          setReason(e.target.value);
          setInvalid(i => ({ ...i, reason: undefined }));
        }}
        error={Boolean(invalid.reason)}
        helperText={invalid.reason ?? 'Recorded with the grant'}
        variant="outlined"
        fullWidth
        multiline
        minRows={2}
        className={classes.field}
      />
    </FormDialog>
  );
};
