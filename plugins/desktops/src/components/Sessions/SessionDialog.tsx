import { useState } from 'react';
import {
  FormDialog,
  useFormAction,
} from '@internal/backstage-plugin-labstage-react';
import type {
  ClassSession,
  ClassSessionKind,
  CreateClassSessionRequest,
} from '@internal/backstage-plugin-desktops-common';
import {
  FormControlLabel,
  Grid,
  Radio,
  RadioGroup,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  checkSessionForm,
  newSessionForm,
  SessionFormErrors,
  SessionFormField,
  SessionFormValues,
  sessionFormOf,
  weekdayOf,
} from './sessionForm';
import { scheduleText } from './scheduleText';
import { useCapacityCheck } from './useCapacityCheck';
import { WeekdaysField } from './WeekdaysField';

/**
 * Schedules a session, or edits `session`: one-off or weekly, in the
 * course's time zone. The API's schema checks the fields; for a new
 * session the capacity warning for what is typed shows before saving.
 */
export const SessionDialog = (props: {
  courseId: string;
  timeZone: string;
  session?: ClassSession;
  onSubmit: (request: CreateClassSessionRequest) => Promise<void>;
  onClose: () => void;
}) => {
  const { courseId, timeZone, session } = props;
  const [values, setValues] = useState<SessionFormValues>(() =>
    session ? sessionFormOf(session) : newSessionForm(timeZone),
  );
  const [errors, setErrors] = useState<SessionFormErrors>({});
  const [problem, setProblem] = useState<string>();
  const save = useFormAction();
  const check = checkSessionForm(values);
  // Only for a new session: the check's body has no session id, so the
  // server would count an edited session's stored meetings beside their
  // new times. An edit's warning comes with the save.
  const warning = useCapacityCheck(
    courseId,
    check.ok && !session ? check.request : undefined,
  );

  const set = <K extends SessionFormField>(
    key: K,
    value: SessionFormValues[K],
  ) => {
    setValues(v => ({ ...v, [key]: value }));
    setErrors(e => ({ ...e, [key]: undefined }));
    setProblem(undefined);
  };

  const setKind = (kind: ClassSessionKind) => {
    set('kind', kind);
    // A weekly series starts out on the weekday of its first date.
    const day = weekdayOf(values.startDate);
    if (kind === 'weekly' && values.weekdays.length === 0 && day) {
      set('weekdays', [day]);
    }
  };

  const submit = async () => {
    if (!check.ok) {
      setErrors(check.errors);
      setProblem(check.problem);
      return;
    }
    await save.run(() => props.onSubmit(check.request));
  };

  const field = (
    key: Exclude<SessionFormField, 'kind' | 'weekdays'>,
    label: string,
    options: { type?: string; hint?: string } = {},
  ) => (
    <TextField
      id={`session-${key}`}
      label={label}
      type={options.type ?? 'text'}
      variant="outlined"
      fullWidth
      value={values[key]}
      onChange={e => set(key, e.target.value)}
      error={Boolean(errors[key])}
      helperText={errors[key] ?? options.hint}
      InputLabelProps={options.type ? { shrink: true } : undefined}
    />
  );

  const weekly = values.kind === 'weekly';
  return (
    <FormDialog
      open
      titleId="session-dialog-title"
      title={session ? 'Edit session' : 'Schedule a session'}
      submitLabel={session ? 'Save changes' : 'Schedule'}
      busy={save.busy}
      onSubmit={submit}
      onClose={props.onClose}
      error={save.error ?? problem}
      maxWidth="sm"
    >
      <Grid container spacing={2}>
        <Grid item xs={12}>
          {field('title', 'Title', { hint: 'e.g. Lab' })}
        </Grid>
        <Grid item xs={12}>
          <RadioGroup
            row
            aria-label="Repeats"
            value={values.kind}
            onChange={e => setKind(e.target.value as ClassSessionKind)}
          >
            <FormControlLabel value="once" control={<Radio />} label="Once" />
            <FormControlLabel
              value="weekly"
              control={<Radio />}
              label="Weekly"
            />
          </RadioGroup>
        </Grid>
        <Grid item xs={12} sm={4}>
          {field('startDate', weekly ? 'First date' : 'Date', {
            type: 'date',
          })}
        </Grid>
        <Grid item xs={12} sm={4}>
          {field('startTime', 'Start time', { type: 'time' })}
        </Grid>
        <Grid item xs={12} sm={4}>
          {field('durationMinutes', 'Duration (minutes)', { type: 'number' })}
        </Grid>
        {weekly && (
          <>
            <Grid item xs={12}>
              <WeekdaysField
                value={values.weekdays}
                onChange={days => set('weekdays', days)}
                error={errors.weekdays}
              />
            </Grid>
            <Grid item xs={12} sm={6}>
              {field('untilDate', 'Last date', {
                type: 'date',
                hint: 'Leave empty for no end',
              })}
            </Grid>
          </>
        )}
        <Grid item xs={12} sm={6}>
          {field('warmUpMinutes', 'Warm-up (minutes)', {
            type: 'number',
            hint: "Students' desktops start this long before class",
          })}
        </Grid>
        <Grid item xs={12} sm={6}>
          {field('afterEndMinutes', 'Stop after the end (minutes)', {
            type: 'number',
            hint: 'Desktops nobody uses stop this long after class',
          })}
        </Grid>
        <Grid item xs={12}>
          <Typography variant="body2" color="textSecondary">
            {`Times are in ${timeZone}, the course's time zone.`}
          </Typography>
          {check.ok && (
            <Typography variant="body2" data-testid="session-preview">
              {scheduleText(check.request, timeZone)}
            </Typography>
          )}
        </Grid>
        {warning && (
          <Grid item xs={12}>
            <Alert severity="warning" role="status">
              {warning}
            </Alert>
          </Grid>
        )}
      </Grid>
    </FormDialog>
  );
};
