import { useState } from 'react';
import {
  hourQuotaDefaultsRequestSchema,
  type HourQuotaDefaults,
} from '@internal/backstage-plugin-desktops-common';
import {
  BusyButton,
  DismissibleError,
  useFormAction,
} from '@internal/backstage-plugin-labstage-react';
import { Button, makeStyles } from '@material-ui/core';
import {
  draftOf,
  weeklyHoursOf,
  WeeklyHoursFields,
} from '../Hours/WeeklyHoursFields';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginTop: theme.spacing(2),
  },
  alert: { marginTop: theme.spacing(2) },
}));

/**
 * Edits the installation's hour defaults: no limit or a number of hours,
 * and whether class time counts; checked with the server's schema.
 */
export const HourDefaultsForm = (props: {
  defaults: HourQuotaDefaults;
  onCancel: () => void;
  onSaved: (next: HourQuotaDefaults) => Promise<void>;
}) => {
  const classes = useStyles();
  const [draft, setDraft] = useState(() =>
    draftOf(props.defaults.weeklyHours, props.defaults.classTimeCounts),
  );
  const [invalid, setInvalid] = useState<string>();
  const save = useFormAction();

  const submit = () => {
    const weeklyHours = weeklyHoursOf(draft);
    if (weeklyHours === undefined) {
      setInvalid('Enter the hours per week');
      return;
    }
    const parsed = hourQuotaDefaultsRequestSchema.safeParse({
      weeklyHours,
      classTimeCounts: draft.classTimeCounts,
    });
    if (!parsed.success) {
      setInvalid(parsed.error.issues[0]?.message ?? 'Invalid hours');
      return;
    }
    save.run(() => props.onSaved(parsed.data));
  };

  return (
    <form
      noValidate
      aria-label="Hour quota defaults"
      onSubmit={e => {
        e.preventDefault();
        submit();
      }}
    >
      <WeeklyHoursFields
        id="hour-defaults"
        otherLabel="No weekly limit"
        limitLabel="Limit the hours per student"
        draft={draft}
        onChange={next => {
          setDraft(next);
          setInvalid(undefined);
        }}
        invalid={invalid}
        helperText="Courses can set their own"
      />
      <DismissibleError
        message={save.error}
        onDismiss={() => save.setError(undefined)}
        role="alert"
        className={classes.alert}
      />
      <div className={classes.row}>
        <Button onClick={props.onCancel} disabled={save.busy}>
          Cancel
        </Button>
        <BusyButton
          type="submit"
          variant="contained"
          color="primary"
          busy={save.busy}
        >
          Save defaults
        </BusyButton>
      </div>
    </form>
  );
};
