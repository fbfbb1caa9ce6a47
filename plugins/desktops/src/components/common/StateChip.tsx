import type { DesktopState } from '@internal/backstage-plugin-desktops-common';
import { Chip, CircularProgress, makeStyles } from '@material-ui/core';
import { STATE_LABELS } from './format';

const useStyles = makeStyles(theme => ({
  chip: { fontWeight: 600, color: theme.palette.common.white },
  running: { backgroundColor: theme.palette.success.main },
  pending: { backgroundColor: theme.palette.info.main },
  starting: { backgroundColor: theme.palette.info.main },
  stopping: { backgroundColor: theme.palette.warning.dark },
  stopped: {
    backgroundColor: theme.palette.grey[600],
  },
  error: { backgroundColor: theme.palette.error.main },
  spinner: { color: theme.palette.common.white, marginLeft: theme.spacing(1) },
}));

/** The colored state of a desktop; states in motion spin. */
export const StateChip = ({ state }: { state: DesktopState }) => {
  const classes = useStyles();
  const moving =
    state === 'pending' || state === 'starting' || state === 'stopping';
  return (
    <Chip
      size="small"
      data-state={state}
      className={`${classes.chip} ${classes[state]}`}
      label={STATE_LABELS[state]}
      icon={
        moving ? (
          <CircularProgress
            size={12}
            thickness={5}
            className={classes.spinner}
            aria-hidden
          />
        ) : undefined
      }
    />
  );
};
