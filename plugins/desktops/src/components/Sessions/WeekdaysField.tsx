import { Info } from 'luxon';
import type { Weekday } from '@internal/backstage-plugin-desktops-common';
import {
  Checkbox,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  FormLabel,
} from '@material-ui/core';

const DAYS: Weekday[] = [1, 2, 3, 4, 5, 6, 7];
const NAMES = Info.weekdays('short', { locale: 'en-GB' });
const LONG_NAMES = Info.weekdays('long', { locale: 'en-GB' });

/** The days a weekly session meets on, Monday first, kept in week order. */
export const WeekdaysField = (props: {
  value: Weekday[];
  onChange: (days: Weekday[]) => void;
  error?: string;
}) => {
  const { value, onChange, error } = props;
  const toggle = (day: Weekday, on: boolean) =>
    onChange(DAYS.filter(d => (d === day ? on : value.includes(d))));
  return (
    <FormControl component="fieldset" error={Boolean(error)}>
      <FormLabel component="legend">Meets on</FormLabel>
      <FormGroup row>
        {DAYS.map(day => (
          <FormControlLabel
            key={day}
            label={NAMES[day - 1]}
            control={
              <Checkbox
                checked={value.includes(day)}
                onChange={e => toggle(day, e.target.checked)}
                inputProps={{ 'aria-label': LONG_NAMES[day - 1] }}
              />
            }
          />
        ))}
      </FormGroup>
      {error && <FormHelperText>{error}</FormHelperText>}
    </FormControl>
  );
};
