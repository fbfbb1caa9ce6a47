import {
  Checkbox,
  FormControlLabel,
  makeStyles,
  Radio,
  RadioGroup,
  TextField,
} from '@material-ui/core';
import { hoursFieldValue } from './hoursField';

const useStyles = makeStyles(theme => ({
  hours: { marginLeft: theme.spacing(4), width: 220 },
}));

/** What the weekly hours fields hold while they are edited. */
export type WeeklyHoursDraft = {
  /** A number of hours of its own (else: the other choice). */
  limited: boolean;
  /** As typed. */
  hours: string;
  classTimeCounts: boolean;
};

export function draftOf(
  weeklyHours: number | null,
  classTimeCounts: boolean,
  limited = weeklyHours !== null,
): WeeklyHoursDraft {
  return {
    limited,
    hours: limited && weeklyHours !== null ? String(weeklyHours) : '',
    classTimeCounts,
  };
}

/**
 * The weekly hours the draft asks for: null for the other choice, undefined
 * when the hours field is empty (the caller says so); a number otherwise,
 * which the caller checks with the server's schema.
 */
export function weeklyHoursOf(
  draft: WeeklyHoursDraft,
): number | null | undefined {
  return draft.limited ? hoursFieldValue(draft.hours) : null;
}

/**
 * Weekly hours per student — a choice between a number of hours and the
 * other choice (the installation default for a course, no limit for the
 * installation) — and whether class time counts.
 */
export const WeeklyHoursFields = (props: {
  id: string;
  /** The choice without a number of its own. */
  otherLabel: string;
  limitLabel: string;
  draft: WeeklyHoursDraft;
  onChange: (draft: WeeklyHoursDraft) => void;
  /** Why the hours are refused, under the field. */
  invalid?: string;
  helperText: string;
}) => {
  const { id, draft, onChange, invalid } = props;
  const classes = useStyles();
  return (
    <>
      <RadioGroup
        aria-label="Weekly hours per student"
        value={draft.limited ? 'limited' : 'other'}
        onChange={e =>
          onChange({ ...draft, limited: e.target.value === 'limited' })
        }
      >
        <FormControlLabel
          value="other"
          control={<Radio color="primary" />}
          label={props.otherLabel}
        />
        <FormControlLabel
          value="limited"
          control={<Radio color="primary" />}
          label={props.limitLabel}
        />
      </RadioGroup>
      {draft.limited && (
        <TextField
          id={`${id}-hours`}
          label="Hours per week"
          type="number"
          value={draft.hours}
          onChange={e => onChange({ ...draft, hours: e.target.value })}
          error={Boolean(invalid)}
          helperText={invalid ?? props.helperText}
          inputProps={{ min: 0, max: 168, step: 0.5 }}
          variant="outlined"
          size="small"
          className={classes.hours}
        />
      )}
      <div>
        <FormControlLabel
          control={
            <Checkbox
              color="primary"
              checked={draft.classTimeCounts}
              onChange={e =>
                onChange({ ...draft, classTimeCounts: e.target.checked })
              }
            />
          }
          label="Class time counts toward the hours"
        />
      </div>
    </>
  );
};
