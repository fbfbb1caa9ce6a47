import type { HourUsage } from '@internal/backstage-plugin-desktops-common';
import { Chip, makeStyles } from '@material-ui/core';
import { STATE_TEXT } from './hoursText';

const useStyles = makeStyles(theme => ({
  chip: { fontWeight: 600 },
  ok: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.common.white,
  },
  warning: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.common.black,
  },
  exhausted: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.common.white,
  },
}));

/** A student's standing against the weekly hours, coloured like the meter. */
export const HourStateChip = ({ usage }: { usage: HourUsage }) => {
  const classes = useStyles();
  if (usage.budgetSeconds === null) {
    return <Chip size="small" label="No limit" data-state="unlimited" />;
  }
  return (
    <Chip
      size="small"
      data-state={usage.state}
      className={`${classes.chip} ${classes[usage.state]}`}
      label={STATE_TEXT[usage.state]}
    />
  );
};
