import type { HourUsage } from '@internal/backstage-plugin-desktops-common';
import { Box, LinearProgress, makeStyles, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  EXHAUSTED_TEXT,
  grantedText,
  hoursText,
  meterSummary,
  NO_LIMIT_TEXT,
  usedPercent,
  WARNING_TEXT,
  weekText,
} from './hoursText';

const useStyles = makeStyles(
  theme => ({
    line: {
      display: 'flex',
      alignItems: 'baseline',
      flexWrap: 'wrap',
      gap: theme.spacing(1),
    },
    bar: { height: 8, borderRadius: 4, margin: theme.spacing(1, 0) },
    warning: { backgroundColor: theme.palette.warning.main },
    exhausted: { backgroundColor: theme.palette.error.main },
  }),
  { name: 'LabstageHourMeter' },
);

/**
 * A student's week against the course's hours: "6.5 of 20 h this week",
 * a bar that turns amber from 90% and red when used up, and what that
 * means for their desktop.
 */
export const HourMeter = ({ usage }: { usage: HourUsage }) => {
  const classes = useStyles();
  const granted = grantedText(usage.extraSeconds);
  const limited = usage.budgetSeconds !== null;
  const left =
    usage.budgetSeconds === null
      ? 0
      : usage.budgetSeconds + usage.extraSeconds - usage.usedSeconds;
  return (
    <div data-testid="hour-meter" data-state={usage.state}>
      <div className={classes.line}>
        <Typography variant="h6" component="p">
          {meterSummary(usage)}
        </Typography>
        {granted && (
          <Typography variant="body2" color="textSecondary">
            {granted}
          </Typography>
        )}
      </div>
      {limited ? (
        <LinearProgress
          variant="determinate"
          value={usedPercent(usage)}
          aria-label="Desktop hours used this week"
          className={classes.bar}
          classes={
            usage.state === 'ok'
              ? undefined
              : { barColorPrimary: classes[usage.state] }
          }
        />
      ) : (
        <Typography color="textSecondary">{NO_LIMIT_TEXT}</Typography>
      )}
      <Typography variant="body2" color="textSecondary">
        {weekText(usage.weekStart)}
      </Typography>
      {usage.state === 'warning' && (
        <Box mt={2}>
          <Alert severity="warning">
            {WARNING_TEXT}: {hoursText(left, 'down')} h left.
          </Alert>
        </Box>
      )}
      {usage.state === 'exhausted' && (
        <Box mt={2}>
          <Alert severity="error">{EXHAUSTED_TEXT}</Alert>
        </Box>
      )}
    </div>
  );
};
