import { useState } from 'react';
import {
  setHourBudgetRequestSchema,
  type CourseHourBudget,
  type HourQuotaDefaults,
} from '@internal/backstage-plugin-desktops-common';
import {
  BusyButton,
  DismissibleError,
  useFormAction,
} from '@internal/backstage-plugin-labstage-react';
import { makeStyles } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useDesktopsApi } from '../../api/hooks';
import { weeklyHoursText } from './hoursText';
import { draftOf, weeklyHoursOf, WeeklyHoursFields } from './WeeklyHoursFields';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(2),
    margin: theme.spacing(2, 0),
  },
}));

/**
 * The course's weekly hours per student: the installation's default or a
 * number of its own, and whether class time counts. Checked with the
 * server's schema before it is sent.
 */
export const HourBudgetForm = (props: {
  courseId: string;
  budget: CourseHourBudget;
  /** The installation's defaults, for the wording of the default choice. */
  defaults?: HourQuotaDefaults;
  onSaved: (budget: CourseHourBudget) => void;
}) => {
  const { courseId, budget, defaults } = props;
  const classes = useStyles();
  const api = useDesktopsApi();
  const [draft, setDraft] = useState(() =>
    draftOf(
      budget.weeklyHours,
      budget.classTimeCounts,
      budget.source === 'course',
    ),
  );
  const [invalid, setInvalid] = useState<string>();
  const [saved, setSaved] = useState(false);
  const save = useFormAction();

  const submit = async () => {
    setSaved(false);
    const weeklyHours = weeklyHoursOf(draft);
    if (weeklyHours === undefined) {
      setInvalid('Enter the hours per week');
      return;
    }
    // Back to the default with the box untouched: follow the default's
    // class-time rule too, so a later change by an admin applies here.
    const followsDefault =
      weeklyHours === null && draft.classTimeCounts === budget.classTimeCounts;
    const parsed = setHourBudgetRequestSchema.safeParse({
      weeklyHours,
      ...(followsDefault ? {} : { classTimeCounts: draft.classTimeCounts }),
    });
    if (!parsed.success) {
      setInvalid(parsed.error.issues[0]?.message ?? 'Invalid hours');
      return;
    }
    const ok = await save.run(async () =>
      props.onSaved(await api.setHourBudget(courseId, parsed.data)),
    );
    setSaved(ok);
  };

  const defaultHours = defaults
    ? ` (${weeklyHoursText(defaults.weeklyHours)})`
    : '';
  return (
    <form
      noValidate
      aria-label="Weekly hours"
      onSubmit={e => {
        e.preventDefault();
        submit();
      }}
    >
      <WeeklyHoursFields
        id="hour-budget"
        otherLabel={`Use the installation default${defaultHours}`}
        limitLabel="Set hours for this course"
        draft={draft}
        onChange={next => {
          setDraft(next);
          setInvalid(undefined);
          setSaved(false);
        }}
        invalid={invalid}
        helperText="Per student; 0 means only during class"
      />
      <div className={classes.row}>
        <BusyButton
          type="submit"
          variant="contained"
          color="primary"
          busy={save.busy}
        >
          Save weekly hours
        </BusyButton>
        {saved && (
          <Alert severity="success" role="status">
            Weekly hours saved
          </Alert>
        )}
      </div>
      <DismissibleError
        message={save.error}
        onDismiss={() => save.setError(undefined)}
        role="alert"
      />
    </form>
  );
};
