import { useMemo } from 'react';
import { TextField, Typography } from '@material-ui/core';
import { Autocomplete } from '@material-ui/lab';
import { currentOffset, timeZoneOptions } from '../common/timeZones';

/** Picks the IANA zone a course's class sessions are scheduled in. */
export const TimeZoneField = (props: {
  value: string;
  onChange: (zone: string) => void;
  error?: string;
}) => {
  const { value, onChange, error } = props;
  const options = useMemo(() => timeZoneOptions(value), [value]);
  return (
    <Autocomplete
      id="course-timeZone"
      options={options}
      value={value}
      disableClearable
      autoHighlight
      onChange={(_event, zone) => onChange(zone)}
      renderOption={zone => (
        <>
          {zone}
          <Typography
            component="span"
            variant="body2"
            color="textSecondary"
            style={{ marginLeft: 8 }}
          >
            {currentOffset(zone)}
          </Typography>
        </>
      )}
      renderInput={params => (
        <TextField
          {...params}
          label="Time zone"
          variant="outlined"
          error={Boolean(error)}
          helperText={error ?? 'Class sessions are scheduled in this zone'}
        />
      )}
    />
  );
};
