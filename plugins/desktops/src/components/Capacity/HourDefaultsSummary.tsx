import type { HourQuotaDefaults } from '@internal/backstage-plugin-desktops-common';
import { Button, makeStyles, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import EditIcon from '@material-ui/icons/Edit';
import { NO_LIMIT_TEXT, weeklyHoursText } from '../Hours/hoursText';

const useStyles = makeStyles(theme => ({
  row: { marginTop: theme.spacing(2) },
  alert: { marginTop: theme.spacing(2) },
}));

/** The installation's hour defaults as they are, and the Edit button. */
export const HourDefaultsSummary = (props: {
  defaults: HourQuotaDefaults;
  saved: boolean;
  onEdit: () => void;
}) => {
  const classes = useStyles();
  const { weeklyHours, classTimeCounts } = props.defaults;
  return (
    <>
      <Typography>
        Weekly hours per student:{' '}
        <strong>
          {weeklyHours === null ? NO_LIMIT_TEXT : weeklyHoursText(weeklyHours)}
        </strong>
      </Typography>
      <Typography>
        Class time counts: <strong>{classTimeCounts ? 'Yes' : 'No'}</strong>
      </Typography>
      {props.saved && (
        <Alert severity="success" role="status" className={classes.alert}>
          Hour quota defaults saved
        </Alert>
      )}
      <div className={classes.row}>
        <Button
          variant="outlined"
          startIcon={<EditIcon />}
          onClick={props.onEdit}
        >
          Edit defaults
        </Button>
      </div>
    </>
  );
};
